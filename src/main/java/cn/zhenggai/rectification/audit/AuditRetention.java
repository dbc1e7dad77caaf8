package cn.zhenggai.rectification.audit;

import cn.zhenggai.rectification.vocabulary.ExpiringRecords;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes audit entries past the retention, the oldest first. On PostgreSQL the append-only trigger lets through the
 * delete of rows older than the cut-off this transaction names ({@code rectification.audit_delete_before}, set for the
 * transaction only) and nothing else.
 */
@Component
class AuditRetention implements ExpiringRecords {

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final boolean postgres;

  AuditRetention(JdbcTemplate jdbc, TransactionTemplate transaction) {
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.postgres = "PostgreSQL".equals(jdbc.execute(
        (ConnectionCallback<String>) connection -> connection.getMetaData().getDatabaseProductName()));
  }

  @Override
  public int removeOlderThan(Instant cutoff, int limit) {
    Timestamp before = Timestamp.from(cutoff);
    Integer removed = transaction.execute(status -> {
      if (postgres) {
        jdbc.queryForObject("select set_config('rectification.audit_delete_before', cast(cast(? as timestamp) as text), true)",
            String.class, before);
      }
      return jdbc.update("delete from audit_event where id in "
          + "(select id from audit_event where occurred_at < ? order by occurred_at, id fetch first ? rows only)", before, limit);
    });
    return removed == null ? 0 : removed;
  }
}
