package cn.zhenggai.rectification.casework;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** Due dates of the user tasks; the BPMN asks it as {@code ${deadlines.draftPlan()}}. Follows the engine clock. */
@Component("deadlines")
public class StageDeadlines {

  private final DeadlineProperties properties;

  StageDeadlines(DeadlineProperties properties) {
    this.properties = properties;
  }

  public Date draftPlan() {
    return fromNow(properties.draftPlan());
  }

  public Date reviewPlan() {
    return fromNow(properties.reviewPlan());
  }

  public Date acceptRectification() {
    return fromNow(properties.acceptRectification());
  }

  public Date confirmClosure() {
    return fromNow(properties.confirmClosure());
  }

  /** A deadline date means "by the end of that day" in the county's time zone. */
  public Date endOf(LocalDate day) {
    return Date.from(day.atTime(LocalTime.MAX).withNano(0).atZone(properties.timeZone()).toInstant());
  }

  /** Today in the county's time zone, by the engine clock. */
  public LocalDate today() {
    return dayOf(ClockUtil.getCurrentTime());
  }

  public LocalDate dayOf(Date instant) {
    return instant.toInstant().atZone(properties.timeZone()).toLocalDate();
  }

  private static Date fromNow(Duration duration) {
    return new Date(ClockUtil.getCurrentTime().getTime() + duration.toMillis());
  }
}
