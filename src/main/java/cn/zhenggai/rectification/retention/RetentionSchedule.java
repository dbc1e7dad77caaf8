package cn.zhenggai.rectification.retention;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The night window of Camunda's history cleanup ({@code history-cleanup-batch-window-start-time} and {@code -end-time},
 * local time of the server as Camunda reads them), which our own cleanup shares: the process {@code RetentionCleanup}
 * starts at the window's start ({@link #cycle()}) and stops at its end. A window may run past midnight (22:00–02:00).
 */
@Component("retentionSchedule")
public class RetentionSchedule {

  private final LocalTime start;
  private final LocalTime end;

  RetentionSchedule(
      @Value("${camunda.bpm.generic-properties.properties.history-cleanup-batch-window-start-time}") LocalTime start,
      @Value("${camunda.bpm.generic-properties.properties.history-cleanup-batch-window-end-time}") LocalTime end) {
    this.start = start;
    this.end = end;
  }

  /** The timer cycle of the cleanup's start event: every day at the window's start, e.g. {@code 0 0 1 * * ?}. */
  public String cycle() {
    return "0 " + start.getMinute() + " " + start.getHour() + " * * ?";
  }

  /** When the window that this moment falls in ends; none outside the window. */
  Optional<Instant> endOfWindow(Date moment) {
    LocalDateTime now = LocalDateTime.ofInstant(moment.toInstant(), ZoneId.systemDefault());
    LocalTime time = now.toLocalTime();
    boolean overMidnight = !end.isAfter(start);
    boolean inside = overMidnight
        ? !time.isBefore(start) || time.isBefore(end)
        : !time.isBefore(start) && time.isBefore(end);
    if (!inside) {
      return Optional.empty();
    }
    LocalDateTime ends = now.toLocalDate().atTime(end);
    return Optional.of((ends.isAfter(now) ? ends : ends.plusDays(1)).atZone(ZoneId.systemDefault()).toInstant());
  }

  /** "01:00–05:00", for the log. */
  String window() {
    return start + "–" + end;
  }
}
