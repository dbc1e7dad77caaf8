package cn.zhenggai.rectification.casework;

import cn.zhenggai.rectification.vocabulary.CaseStatus;
import cn.zhenggai.rectification.vocabulary.Colour;
import cn.zhenggai.rectification.vocabulary.EscalationProperties;
import cn.zhenggai.rectification.vocabulary.ReminderProperties;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The one rule of the 督办 colours, as SQL on {@code case_unit u} joined with {@code case_problem p}, computed from the
 * dates whenever it is read (so a colour is never stale, and a moved engine clock moves it): green when the item was
 * accepted by its deadline (the unit's own after an approved extension, else the problem's) and never reopened; else,
 * while it is open, by its current task's due date: red overdue by more than {@code red-after}, yellow overdue, blue
 * due within {@code before-due}. Ledger, overview, statistics and the case page all use it.
 */
@Component
public class Colours {

  static final String ACCEPTED = "u.status = '" + CaseStatus.CLOSED + "'";
  /** Accepted on time: on or before the deadline day, never reopened (a reopened item is not closed on time). */
  static final String ON_TIME = ACCEPTED + " and u.reopenings = 0 and cast(u.closed_at as date) <= coalesce(u.deadline, p.deadline)";
  static final String OPEN = "u.status = '" + CaseStatus.OPEN + "'";

  private final Duration beforeDue;
  private final Duration redAfter;

  Colours(ReminderProperties reminders, EscalationProperties escalation) {
    this.beforeDue = reminders.beforeDue();
    this.redAfter = escalation.redAfter();
  }

  /** How long before its due date an item turns blue. */
  public Duration beforeDue() {
    return beforeDue;
  }

  /** How long overdue an item turns red. */
  public Duration redAfter() {
    return redAfter;
  }

  /** The colour's name (GREEN …) as a select-list expression, adding its parameters. */
  String of(List<Object> parameters, Timestamp now) {
    parameters.addAll(List.of(late(now), now, soon(now)));
    return "case when " + ACCEPTED + " then case when " + ON_TIME + " then '" + Colour.GREEN + "' else '" + Colour.NONE + "' end"
        + " when not " + OPEN + " then '" + Colour.NONE + "'"
        + " when u.due_at < ? then '" + Colour.RED + "'"
        + " when u.due_at < ? then '" + Colour.YELLOW + "'"
        + " when u.due_at < ? then '" + Colour.BLUE + "'"
        + " else '" + Colour.NONE + "' end";
  }

  /**
   * The condition (after "where 1 = 1") for one colour, adding its parameters: blue, yellow and red as ranges of the
   * due date, so the due-date index serves them; green on the accepted rows. The same as {@link #of}, row for row.
   */
  String where(Colour colour, List<Object> parameters, Timestamp now) {
    return switch (colour) {
      case GREEN -> " and " + ON_TIME;
      case RED -> range(parameters, null, late(now));
      case YELLOW -> range(parameters, late(now), now);
      case BLUE -> range(parameters, now, soon(now));
      case NONE -> throw new IllegalArgumentException(LedgerFilter.COLOURS);
    };
  }

  /** "3 天", "12 小时", "2 分钟": a duration as people say it. */
  public static String inWords(Duration duration) {
    if (duration.toDays() > 0 && duration.toHoursPart() == 0) {
      return duration.toDays() + " 天";
    }
    if (duration.toHours() > 0 && duration.toMinutesPart() == 0) {
      return duration.toHours() + " 小时";
    }
    return Math.max(1, duration.toMinutes()) + " 分钟";
  }

  private static String range(List<Object> parameters, Timestamp from, Timestamp to) {
    StringBuilder where = new StringBuilder(" and " + OPEN);
    if (from != null) {
      where.append(" and u.due_at >= ?");
      parameters.add(from);
    }
    parameters.add(to);
    return where.append(" and u.due_at < ?").toString();
  }

  private Timestamp late(Timestamp now) {
    return new Timestamp(now.getTime() - redAfter.toMillis());
  }

  private Timestamp soon(Timestamp now) {
    return new Timestamp(now.getTime() + beforeDue.toMillis());
  }
}
