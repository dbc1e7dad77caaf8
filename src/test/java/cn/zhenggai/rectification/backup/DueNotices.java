package cn.zhenggai.rectification.backup;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The notices the register has due by a moment: each task whose next notice (催办, 今日到期, a card) is due by then,
 * with that notice's kind; and what has been recorded for them since.
 */
public record DueNotices(LocalDateTime by, Map<String, String> kindOfTask) {

  public static DueNotices by(JdbcTemplate database, LocalDateTime by) {
    Map<String, String> kinds = new TreeMap<>();
    database.query("select task_id, next_notice from case_unit where next_notice_at <= ? union all"
            + " select task_id, next_notice from case_problem where next_notice_at <= ?",
        row -> { kinds.put(row.getString(1), row.getString(2)); }, Timestamp.valueOf(by), Timestamp.valueOf(by));
    return new DueNotices(by, kinds);
  }

  /** The engine clock set to that moment (times in the database are the application's local time). */
  public static void moveClockTo(LocalDateTime time) {
    ClockUtil.setCurrentTime(Date.from(time.atZone(ZoneId.systemDefault()).toInstant()));
  }

  /** The tasks whose due notice has been recorded. */
  public Set<String> noticedTasks(JdbcTemplate database) {
    return kindOfTask.entrySet().stream()
        .filter(task -> count(database, task.getKey(), task.getValue()) > 0)
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  /** Dedup keys of the due notices recorded, one per task and recipient. */
  public List<String> recorded(JdbcTemplate database) {
    List<String> keys = new ArrayList<>();
    kindOfTask.forEach((task, kind) -> keys.addAll(database.queryForList(
        "select dedup_key from notification where task_id = ? and kind = ? order by dedup_key", String.class, task, kind)));
    return keys;
  }

  private static long count(JdbcTemplate database, String task, String kind) {
    return database.queryForObject("select count(*) from notification where task_id = ? and kind = ?", Long.class,
        task, kind);
  }
}
