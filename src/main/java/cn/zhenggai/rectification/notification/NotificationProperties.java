package cn.zhenggai.rectification.notification;

import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Notices and their delivery (durations ISO-8601, so a demo can use seconds); when reminders and cards come is
 * {@code vocabulary.NoticeSchedule}'s.
 *
 * @param baseUrl where people open the application; links in emails start with it
 * @param digest when the daily digest goes out (server time)
 * @param mail delivery of the emails
 * @param channels delivery through robots and SMS
 * @param robots the groups' robots: units', supervisor groups', the leaders' (secrets from configuration or the
 *     environment only)
 */
@ConfigurationProperties("rectification")
public record NotificationProperties(
    URI baseUrl, Digest digest, Mail mail, Channels channels, List<Robot> robots) {

  public NotificationProperties {
    robots = robots == null ? List.of() : List.copyOf(robots);
  }

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

  /**
   * @param pollInterval how often pending robot messages and SMS are looked for
   * @param maxAttempts attempts before one is marked failed
   * @param retryBackoff wait before the second attempt, doubled for each further one
   * @param claimTimeout how long one may stay "sending" before a node that died while sending it is assumed
   * @param timeout how long a robot or SMS endpoint may take to answer
   * @param robotPerMinute messages a robot accepts per minute (the others wait their turn)
   * @param wecomBaseUrl WeCom's (企业微信, 粤政易) API, e.g. https://qyapi.weixin.qq.com
   * @param dingtalkBaseUrl DingTalk's (钉钉, 浙政钉) API, e.g. https://oapi.dingtalk.com
   */
  public record Channels(Duration pollInterval, int maxAttempts, Duration retryBackoff, Duration claimTimeout,
      Duration timeout, int robotPerMinute, URI wecomBaseUrl, URI dingtalkBaseUrl) {}

  /**
   * A group's robot (in the group's chat).
   *
   * @param unit the id of the group, a unit, a supervisor group or the leaders' group (named so as robots were first for
   *     units only); the robot gets the notices to that group's people
   * @param kind WECOM or DINGTALK
   * @param key WeCom: the webhook's key
   * @param token DingTalk: the webhook's access_token
   * @param secret DingTalk: the signing secret (加签, SEC…)
   */
  public record Robot(String unit, NoticeChannel kind, String key, String token, String secret) {

    /** Never the secrets themselves: this may end up in a log. */
    @Override
    public String toString() {
      return "Robot[unit=" + unit + ", kind=" + kind + ", key=" + Secrets.mask(key) + ", token=" + Secrets.mask(token)
          + ", secret=" + Secrets.mask(secret) + "]";
    }
  }
}
