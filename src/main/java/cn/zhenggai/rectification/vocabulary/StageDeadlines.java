package cn.zhenggai.rectification.vocabulary;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Due dates of the user tasks; the BPMN asks it as {@code ${deadlines.draftPlan(execution)}}. Follows the engine clock.
 * A plan or a report that was sent back gets its own, shorter period, so a return never buys a unit a fresh full term.
 */
@Component("deadlines")
public class StageDeadlines {

  private final DeadlineProperties properties;
  private final LookBackProperties lookBack;

  StageDeadlines(DeadlineProperties properties, LookBackProperties lookBack) {
    this.properties = properties;
    this.lookBack = lookBack;
  }

  public Date draftPlan(DelegateExecution execution) {
    boolean returned = Boolean.FALSE.equals(execution.getVariable(UnitRectificationProcess.PLAN_APPROVED));
    return fromNow(returned ? properties.redraftPlan() : properties.draftPlan());
  }

  /** The problem's deadline; after a report was sent back, at least the redo period from now. */
  public Date rectify(DelegateExecution execution) {
    Date deadline = (Date) execution.getVariable(RectificationCaseProcess.RECTIFICATION_DEADLINE);
    if (!Boolean.FALSE.equals(execution.getVariable(UnitRectificationProcess.RECTIFICATION_ACCEPTED))) {
      return deadline;
    }
    Date redo = fromNow(properties.redoRectification());
    return redo.after(deadline) ? redo : deadline;
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

  /** The look-back (回头看) of a problem closed now: its round's period ({@code lookBackAfter}), else the default. */
  public Date lookBackDue(DelegateExecution execution) {
    Object ofRound = execution.getVariable(RectificationCaseProcess.LOOK_BACK_AFTER);
    LookBackPeriod period = ofRound instanceof String iso
        ? LookBackPeriod.parse(iso).orElse(lookBack.period())
        : lookBack.period();
    return period.after(EngineClock.now(), properties.timeZone());
  }

  /** The look-back task itself, once it has come up. */
  public Date lookBack() {
    return fromNow(properties.lookBack());
  }

  /** A deadline date means "by the end of that day" in the county's time zone. */
  public Date endOf(LocalDate day) {
    return Date.from(day.atTime(LocalTime.MAX).withNano(0).atZone(properties.timeZone()).toInstant());
  }

  /** Today in the county's time zone, by the engine clock. */
  public LocalDate today() {
    return dayOf(EngineClock.now());
  }

  public LocalDate dayOf(Date instant) {
    return instant.toInstant().atZone(properties.timeZone()).toLocalDate();
  }

  private static Date fromNow(Duration duration) {
    return new Date(EngineClock.now().getTime() + duration.toMillis());
  }
}
