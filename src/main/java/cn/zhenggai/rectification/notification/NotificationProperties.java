package cn.zhenggai.rectification.notification;

import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Reminders, warnings and their delivery (durations ISO-8601, so a demo can use seconds).
 *
 * @param baseUrl where people open the application; links in emails start with it
 * @param reminders when candidates are reminded
 * @param escalation when an overdue task turns red and goes to the county leaders
 * @param digest when the daily digest goes out (server time)
 * @param mail delivery of the emails
 */
@ConfigurationProperties("rectification")
public record NotificationProperties(
    URI baseUrl, Reminders reminders, Escalation escalation, Digest digest, Mail mail) {

  /**
   * @param beforeDue how long before the due date the first reminder goes out
   * @param dueDayAt time of day of the reminder on the due date
   */
  public record Reminders(Duration beforeDue, LocalTime dueDayAt) {}

  /** @param redAfter how long overdue a task turns from yellow to red */
  public record Escalation(Duration redAfter) {}

  /** @param time time of day of the daily digest */
  public record Digest(LocalTime time) {}

  /**
   * @param from sender address
   * @param pollInterval how often pending emails are looked for
   * @param maxAttempts attempts before an email is marked failed
   * @param retryBackoff wait before the second attempt, doubled for each further one
   * @param claimTimeout how long an email may stay "sending" before a node that died while sending it is assumed
   */
  public record Mail(String from, Duration pollInterval, int maxAttempts, Duration retryBackoff, Duration claimTimeout) {}
}
