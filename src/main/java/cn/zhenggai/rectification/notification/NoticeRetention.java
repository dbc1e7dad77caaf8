package cn.zhenggai.rectification.notification;

import cn.zhenggai.rectification.vocabulary.CaseRecords;
import cn.zhenggai.rectification.vocabulary.ExpiringRecords;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** The notices' share of the retention: a case's notices go with it; those of no case (digests) by their age. */
@Component
class NoticeRetention implements CaseRecords, ExpiringRecords {

  private final NamedParameterJdbcTemplate jdbc;

  NoticeRetention(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void removeCases(Collection<String> problemIds) {
    jdbc.update("delete from notification where problem_id in (:ids)", Map.of("ids", problemIds));
  }

  @Override
  public int removeOlderThan(Instant cutoff, int limit) {
    return jdbc.update("delete from notification where id in (select id from notification where problem_id is null"
            + " and created_at < :cutoff order by id limit :limit)",
        Map.of("cutoff", Timestamp.from(cutoff), "limit", limit));
  }
}
