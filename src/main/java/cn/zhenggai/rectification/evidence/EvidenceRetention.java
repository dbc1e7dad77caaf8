package cn.zhenggai.rectification.evidence;

import cn.zhenggai.rectification.vocabulary.CaseRecords;
import java.util.Collection;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** The evidence files go with their case once its retention has passed: their contents first, then the files. */
@Component
class EvidenceRetention implements CaseRecords {

  private final NamedParameterJdbcTemplate jdbc;

  EvidenceRetention(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void removeCases(Collection<String> problemIds) {
    Map<String, Collection<String>> ids = Map.of("ids", problemIds);
    jdbc.update("delete from evidence_chunk where file_id in (select id from evidence_file where case_key in (:ids))",
        ids);
    jdbc.update("delete from evidence_file where case_key in (:ids)", ids);
  }
}
