package cn.zhenggai.rectification.notification;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** The notices (催办记录) of a problem as the case page and {@code /api/cases/{id}} show them. */
@Service
public class NoticeRecords {

  /** One notice: who got what about which task, and whether it went out. */
  public record NoticeRecord(
      long id,
      String kind,
      String unitId,
      String taskId,
      String taskName,
      String recipientId,
      String subject,
      String status,
      int attempts,
      String lastError,
      Instant createdAt,
      Instant sentAt) {

    /** The delivery status as the supervision page shows it. */
    public String statusName() {
      return NoticeStatus.valueOf(status).label();
    }
  }

  private final JdbcTemplate jdbc;

  NoticeRecords(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public List<NoticeRecord> ofProblem(String problemId) {
    return jdbc.query(
        "select * from notification where problem_id = ? order by created_at, id",
        (rs, row) -> new NoticeRecord(
            rs.getLong("id"),
            rs.getString("kind"),
            rs.getString("unit_id"),
            rs.getString("task_id"),
            rs.getString("task_name"),
            rs.getString("recipient_id"),
            rs.getString("subject"),
            rs.getString("status"),
            rs.getInt("attempts"),
            rs.getString("last_error"),
            instant(rs.getTimestamp("created_at")),
            instant(rs.getTimestamp("sent_at"))),
        problemId);
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
