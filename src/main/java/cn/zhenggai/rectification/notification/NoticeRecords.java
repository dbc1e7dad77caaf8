package cn.zhenggai.rectification.notification;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;

/**
 * The notices (催办记录) of a problem as the case page and {@code /api/cases/{id}} show them; those of tasks; those in
 * one status, as the administrators' page of notices lists them.
 */
@Service
public class NoticeRecords {

  /** One notice: who got what about which task, on which channel, and whether it went out. */
  public record NoticeRecord(
      long id,
      String kind,
      String channel,
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

    /** The channel as the supervision page shows it (邮件, 钉钉群机器人 …). */
    public String channelName() {
      return NoticeChannel.valueOf(channel).label();
    }
  }

  /** A notice on the administrators' page of notices, with the problem it is about (none for a digest). */
  record Listed(String problemId, NoticeRecord notice) {}

  private static final String COLUMNS = "id, kind, channel, unit_id, task_id, task_name, recipient_id, subject, status,"
      + " attempts, last_error, created_at, sent_at, problem_id";
  private static final RowMapper<NoticeRecord> RECORD = (rs, row) -> new NoticeRecord(
      rs.getLong("id"),
      rs.getString("kind"),
      rs.getString("channel"),
      rs.getString("unit_id"),
      rs.getString("task_id"),
      rs.getString("task_name"),
      rs.getString("recipient_id"),
      rs.getString("subject"),
      rs.getString("status"),
      rs.getInt("attempts"),
      rs.getString("last_error"),
      instant(rs.getTimestamp("created_at")),
      instant(rs.getTimestamp("sent_at")));

  private final JdbcTemplate jdbc;

  NoticeRecords(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public List<NoticeRecord> ofProblem(String problemId) {
    return jdbc.query("select " + COLUMNS + " from notification where problem_id = ? order by created_at, id", RECORD,
        problemId);
  }

  /** The notices in this status, newest first, {@code limit} of them after the first {@code offset}. */
  List<Listed> withStatus(NoticeStatus status, long offset, int limit) {
    return jdbc.query("select " + COLUMNS + " from notification where status = ? order by created_at desc, id desc"
            + " limit ? offset ?",
        (rs, row) -> new Listed(rs.getString("problem_id"), RECORD.mapRow(rs, row)), status.name(), limit, offset);
  }

  long count(NoticeStatus status) {
    return jdbc.queryForObject("select count(*) from notification where status = ?", Long.class, status.name());
  }

  /** How many notices failed for good on each channel that has any. */
  Map<NoticeChannel, Long> failedByChannel() {
    Map<NoticeChannel, Long> failed = new EnumMap<>(NoticeChannel.class);
    jdbc.query("select channel, count(*) as failed from notification where status = ? group by channel",
        (RowCallbackHandler) rs -> failed.put(NoticeChannel.valueOf(rs.getString("channel")), rs.getLong("failed")),
        NoticeStatus.FAILED.name());
    return failed;
  }

  /** The kinds of notice recorded so far for each of these tasks (any recipient, any due date). */
  public Map<String, Set<String>> kindsByTask(Collection<String> taskIds) {
    Map<String, Set<String>> kinds = new HashMap<>();
    for (List<String> chunk : chunks(new ArrayList<>(taskIds))) {
      jdbc.query("select distinct task_id, kind from notification where task_id in ("
              + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")",
          (RowCallbackHandler) rs -> kinds.computeIfAbsent(rs.getString("task_id"), id -> new HashSet<>())
              .add(rs.getString("kind")),
          chunk.toArray());
    }
    return kinds;
  }

  private static List<List<String>> chunks(List<String> ids) {
    List<List<String>> chunks = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += 500) {
      chunks.add(ids.subList(from, Math.min(ids.size(), from + 500)));
    }
    return chunks;
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
