package cn.zhenggai.rectification.notification;

import cn.zhenggai.rectification.vocabulary.DeadlineProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.springframework.stereotype.Component;

/** When a task's reminders and warnings fire; the BPMN asks it as {@code ${reminders.beforeDue(...)}}. */
@Component("reminders")
public class Reminders {

  private final NotificationProperties properties;
  private final DeadlineProperties deadlines;

  Reminders(NotificationProperties properties, DeadlineProperties deadlines) {
    this.properties = properties;
    this.deadlines = deadlines;
  }

  public Date beforeDue(Date due) {
    return Date.from(due.toInstant().minus(properties.reminders().beforeDue()));
  }

  /**
   * The morning of the due date; for short deadlines (a demo in minutes), halfway between the first reminder and
   * the due time, so the two never coincide.
   */
  public Date dueDay(Date due) {
    Instant morning = due.toInstant().atZone(deadlines.timeZone()).toLocalDate()
        .atTime(properties.reminders().dueDayAt()).atZone(deadlines.timeZone()).toInstant();
    Instant halfway = due.toInstant().minus(properties.reminders().beforeDue().dividedBy(2));
    return Date.from(morning.isAfter(halfway) && morning.isBefore(due.toInstant()) ? morning : halfway);
  }

  public Date redCard(Date due) {
    return Date.from(due.toInstant().plus(properties.escalation().redAfter()));
  }

}
