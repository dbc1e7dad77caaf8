package cn.zhenggai.rectification.audit;

import cn.zhenggai.rectification.vocabulary.DeadlineProperties;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** The audit trail read back, newest first: a page, the count, or every entry in batches (for a file). */
@Service
public class AuditQuery {

  /** Rows read at a time by {@link #each}: memory stays flat for any number. */
  static final int BATCH = 500;

  private static final String COLUMNS = "select id, occurred_at, actor_id, actor_name, address, action, action_name, "
      + "problem_id, unit_id, target, detail from audit_event";
  private static final String NEWEST_FIRST = " order by occurred_at desc, id desc";

  private final JdbcTemplate jdbc;
  private final ZoneId zone;

  AuditQuery(JdbcTemplate jdbc, DeadlineProperties deadlines) {
    this.jdbc = jdbc;
    this.zone = deadlines.timeZone();
  }

  public long count(AuditFilter filter) {
    Where where = where(filter);
    Long count = jdbc.queryForObject("select count(*) from audit_event" + where.sql(), Long.class, where.arguments());
    return count == null ? 0 : count;
  }

  public List<AuditRecord> page(AuditFilter filter, long offset, int limit) {
    Where where = where(filter);
    List<Object> arguments = new ArrayList<>(List.of(where.arguments()));
    arguments.add(offset);
    arguments.add(limit);
    return jdbc.query(COLUMNS + where.sql() + NEWEST_FIRST + " offset ? rows fetch next ? rows only", AuditQuery::read,
        arguments.toArray());
  }

  /** Every entry of the filter, newest first, read {@value #BATCH} at a time after the last one read. */
  public void each(AuditFilter filter, Consumer<AuditRecord> action) {
    Where where = where(filter);
    AuditRecord last = null;
    while (true) {
      List<Object> arguments = new ArrayList<>(List.of(where.arguments()));
      String after = "";
      if (last != null) {
        Timestamp at = Timestamp.from(last.occurredAt());
        after = (where.sql().isEmpty() ? " where" : " and") + " (occurred_at < ? or (occurred_at = ? and id < ?))";
        arguments.addAll(List.of(at, at, last.id()));
      }
      arguments.add(BATCH);
      List<AuditRecord> batch = jdbc.query(COLUMNS + where.sql() + after + NEWEST_FIRST + " fetch first ? rows only",
          AuditQuery::read, arguments.toArray());
      batch.forEach(action);
      if (batch.size() < BATCH) {
        return;
      }
      last = batch.get(batch.size() - 1);
    }
  }

  private record Where(String sql, Object[] arguments) {}

  private Where where(AuditFilter filter) {
    List<String> conditions = new ArrayList<>();
    List<Object> arguments = new ArrayList<>();
    if (filter.person() != null) {
      conditions.add("actor_id = ?");
      arguments.add(filter.person());
    }
    if (filter.problemId() != null) {
      conditions.add("problem_id = ?");
      arguments.add(filter.problemId());
    }
    if (filter.action() != null) {
      conditions.add("action = ?");
      arguments.add(filter.action());
    }
    if (filter.from() != null) {
      conditions.add("occurred_at >= ?");
      arguments.add(Timestamp.from(filter.from().atStartOfDay(zone).toInstant()));
    }
    if (filter.to() != null) {
      conditions.add("occurred_at < ?");
      arguments.add(Timestamp.from(filter.to().plusDays(1).atStartOfDay(zone).toInstant()));
    }
    return new Where(conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions), arguments.toArray());
  }

  private static AuditRecord read(ResultSet rs, int row) throws SQLException {
    return new AuditRecord(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor_id"),
        rs.getString("actor_name"), rs.getString("address"), rs.getString("action"), rs.getString("action_name"),
        rs.getString("problem_id"), rs.getString("unit_id"), rs.getString("target"), rs.getString("detail"));
  }
}
