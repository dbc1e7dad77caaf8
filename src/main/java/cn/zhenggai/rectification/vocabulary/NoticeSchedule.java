package cn.zhenggai.rectification.vocabulary;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * When the notices of a task come, counted from its current due date: 催办 {@code before-due} ahead, 今日到期 on the
 * morning of the due day, 黄牌 at the due moment, 红牌 {@code red-after} later. The register keeps each task's next one;
 * the sweep process asks {@link #sweepCycle()} how often to look.
 */
@Component("noticeSchedule")
public class NoticeSchedule {

  /** A notice and the moment it is due. */
  public record Scheduled(DueNotice notice, Date at) {}

  private final ReminderProperties reminders;
  private final EscalationProperties escalation;
  private final DeadlineProperties deadlines;

  NoticeSchedule(ReminderProperties reminders, EscalationProperties escalation, DeadlineProperties deadlines) {
    this.reminders = reminders;
    this.escalation = escalation;
    this.deadlines = deadlines;
  }

  /** The first notice of a task due then; none without a due date. */
  public Optional<Scheduled> first(Date due) {
    return due == null ? Optional.empty() : Optional.of(new Scheduled(DueNotice.BEFORE_DUE, at(DueNotice.BEFORE_DUE, due)));
  }

  /** The notice after this one; none after the red card. */
  public Optional<Scheduled> after(DueNotice notice, Date due) {
    if (notice == DueNotice.RED_CARD) {
      return Optional.empty();
    }
    DueNotice next = DueNotice.values()[notice.ordinal() + 1];
    return Optional.of(new Scheduled(next, at(next, due)));
  }

  public Date at(DueNotice notice, Date due) {
    return switch (notice) {
      case BEFORE_DUE -> Date.from(due.toInstant().minus(reminders.beforeDue()));
      case DUE_DAY -> dueDay(due);
      case YELLOW_CARD -> due;
      case RED_CARD -> Date.from(due.toInstant().plus(escalation.redAfter()));
    };
  }

  /** The timer cycle of the sweep process's start event, e.g. {@code R/PT1M}. */
  public String sweepCycle() {
    return "R/" + reminders.sweepEvery();
  }

  /**
   * The morning of the due date; for short deadlines (a demo in minutes), halfway between the first reminder and
   * the due time, so the two never coincide.
   */
  private Date dueDay(Date due) {
    Instant morning = due.toInstant().atZone(deadlines.timeZone()).toLocalDate()
        .atTime(reminders.dueDayAt()).atZone(deadlines.timeZone()).toInstant();
    Instant halfway = due.toInstant().minus(reminders.beforeDue().dividedBy(2));
    return Date.from(morning.isAfter(halfway) && morning.isBefore(due.toInstant()) ? morning : halfway);
  }
}
