package cn.zhenggai.rectification.notification;

import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Notices and their delivery (durations ISO-8601, so a demo can use seconds); when reminders and cards come is
 * {@code vocabulary.NoticeSchedule}'s.
 *
 * @param baseUrl where people open the application; links in emails start with it
 * @param digest when the daily digest goes out (server time)
 * @param mail delivery of the emails
 */
@ConfigurationProperties("rectification")
public record NotificationProperties(
    URI baseUrl, Digest digest, Mail mail) {

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
