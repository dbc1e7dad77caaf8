package cn.zhenggai.rectification.extension;

import cn.zhenggai.rectification.vocabulary.EngineClock;
import cn.zhenggai.rectification.vocabulary.Stage;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Table {@code extension_request}. While a request waits its {@code pending_item} holds the unit item's business key;
 * the unique constraint on it keeps one waiting request per item, even when two arrive at once.
 */
@Repository
class ExtensionStore {

  private static final String COLUMNS = "id, problem_id, unit_id, process_instance_id, task_id, stage, due_at,"
      + " requested_until, reason, requested_by, requested_at, status, decided_by, decided_at, granted_until,"
      + " decision_reason";

  private final JdbcTemplate jdbc;

  ExtensionStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  long insert(String item, String problemId, String unitId, String processInstanceId, String taskId, Stage stage,
      java.util.Date dueAt, LocalDate until, String reason, String userId) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      var insert = connection.prepareStatement("insert into extension_request (problem_id, unit_id, process_instance_id,"
          + " task_id, stage, due_at, requested_until, reason, requested_by, requested_at, status, pending_item)"
          + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
      insert.setString(1, problemId);
      insert.setString(2, unitId);
      insert.setString(3, processInstanceId);
      insert.setString(4, taskId);
      insert.setString(5, stage.name());
      insert.setTimestamp(6, new Timestamp(dueAt.getTime()));
      insert.setDate(7, Date.valueOf(until));
      insert.setString(8, reason);
      insert.setString(9, userId);
      insert.setTimestamp(10, EngineClock.timestamp());
      insert.setString(11, ExtensionStatus.PENDING.name());
      insert.setString(12, item);
      return insert;
    }, key);
    return key.getKey().longValue();
  }

  Optional<ExtensionRequest> find(long id) {
    return jdbc.query("select " + COLUMNS + " from extension_request where id = ?", ExtensionStore::request, id)
        .stream().findFirst();
  }

  /**
   * The requests of a unit's item, oldest first (by the item's index; a reopened item's earlier case has requests of
   * its own, under its own process instance).
   */
  List<ExtensionRequest> ofItem(String problemId, String unitId, String processInstanceId) {
    return jdbc.query("select " + COLUMNS + " from extension_request where problem_id = ? and unit_id = ?"
        + " and process_instance_id = ? order by id", ExtensionStore::request, problemId, unitId, processInstanceId);
  }

  static Optional<ExtensionRequest> pending(List<ExtensionRequest> requests) {
    return requests.stream().filter(r -> r.status() == ExtensionStatus.PENDING).findFirst();
  }

  /** Ends a waiting request; false when it no longer waits (decided or lapsed meanwhile). */
  boolean decide(long id, ExtensionStatus status, String userId, LocalDate granted, String reason) {
    return jdbc.update("update extension_request set status = ?, decided_by = ?, decided_at = ?, granted_until = ?,"
            + " decision_reason = ?, pending_item = null where id = ? and status = ?",
        status.name(), userId, EngineClock.timestamp(), granted == null ? null : Date.valueOf(granted), reason, id,
        ExtensionStatus.PENDING.name()) == 1;
  }

  /** Ends the request waiting in a unit's process as lapsed; false when none waits there. */
  boolean lapseWaiting(String processInstanceId) {
    return jdbc.update("update extension_request set status = ?, decided_at = ?, pending_item = null"
            + " where process_instance_id = ? and status = ?",
        ExtensionStatus.LAPSED.name(), EngineClock.timestamp(), processInstanceId, ExtensionStatus.PENDING.name()) > 0;
  }

  private static ExtensionRequest request(ResultSet rs, int row) throws SQLException {
    Timestamp decidedAt = rs.getTimestamp("decided_at");
    Date granted = rs.getDate("granted_until");
    return new ExtensionRequest(rs.getLong("id"), rs.getString("problem_id"), rs.getString("unit_id"),
        rs.getString("process_instance_id"), rs.getString("task_id"), Stage.valueOf(rs.getString("stage")),
        rs.getTimestamp("due_at").toInstant(), rs.getDate("requested_until").toLocalDate(), rs.getString("reason"),
        rs.getString("requested_by"), rs.getTimestamp("requested_at").toInstant(),
        ExtensionStatus.valueOf(rs.getString("status")), rs.getString("decided_by"),
        decidedAt == null ? null : decidedAt.toInstant(), granted == null ? null : granted.toLocalDate(),
        rs.getString("decision_reason"));
  }
}
