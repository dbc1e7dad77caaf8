package cn.zhenggai.rectification.extension;

import cn.zhenggai.rectification.vocabulary.CaseRecords;
import java.util.Collection;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** The requests for more time go with their case once its retention has passed. */
@Component
class ExtensionRetention implements CaseRecords {

  private final NamedParameterJdbcTemplate jdbc;

  ExtensionRetention(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void removeCases(Collection<String> problemIds) {
    jdbc.update("delete from extension_request where problem_id in (:ids)", Map.of("ids", problemIds));
  }
}
