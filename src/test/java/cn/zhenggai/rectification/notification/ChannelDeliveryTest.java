package cn.zhenggai.rectification.notification;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.notification.NotificationProperties.Robot;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A sender that breaks in a way nobody foresaw (not a refusal the robot answered) still counts as a failed attempt:
 * the notice ends FAILED after the last one, where an administrator sees it and can send it again, and is not claimed
 * again for ever. The robot's token never shows in the recorded error.
 */
class ChannelDeliveryTest {

  static final Instant START = Instant.parse("2026-12-01T01:00:00Z");
  static final Robot CHENGGUAN = new Robot("street-chengguan", NoticeChannel.DINGTALK, null, "token-chengguan-42", "SEC1xyz");

  @Test
  void anUnforeseenErrorIsAFailedAttemptAndEndsFailedAfterTheLast() {
    DataSource database = new DriverManagerDataSource("jdbc:h2:mem:delivery-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
    JdbcTemplate jdbc = new JdbcTemplate(database);
    NotificationProperties properties = new NotificationProperties(URI.create("http://localhost:8080"), null, null,
        new NotificationProperties.Channels(Duration.ofSeconds(1), 3, Duration.ofSeconds(10), Duration.ofMinutes(5),
            Duration.ofSeconds(5), 20, URI.create("http://localhost"), URI.create("http://localhost")), List.of(CHENGGUAN));
    RobotSender broken = new RobotSender() {
      @Override
      public NoticeChannel channel() {
        return NoticeChannel.DINGTALK;
      }

      @Override
      public void send(Robot robot, String text, List<String> mobiles, Date now) {
        throw new IllegalArgumentException("invalid URI scheme in http://robot/send?access_token=" + robot.token());
      }
    };
    ChannelDelivery delivery = new ChannelDelivery(new Outbox(jdbc), new Robots(properties), new RobotPace(jdbc, properties),
        List.of(broken), properties, new StaticListableBeanFactory().getBeanProvider(SmsProvider.class), new ObjectMapper());
    jdbc.update("insert into notification (dedup_key, kind, recipient_id, subject, html_body, text_body, status,"
        + " created_at, next_attempt_at, channel, address) values ('k', 'RED_CARD', 'street-chengguan', '【红牌督办】',"
        + " '', '【红牌督办】问题 1', 'PENDING', ?, ?, 'DINGTALK', 'street-chengguan')", at(0), at(0));

    try {
      for (long second : new long[] {0, 10, 30, 70}) {
        ClockUtil.setCurrentTime(at(second));
        delivery.deliverDueNow();
      }
    } finally {
      ClockUtil.reset();
    }

    Map<String, Object> row = jdbc.queryForMap("select status, attempts, last_error from notification");
    assertThat(row.get("STATUS")).isEqualTo(NoticeStatus.FAILED.name());
    assertThat(row.get("ATTEMPTS")).isEqualTo(3);
    assertThat((String) row.get("LAST_ERROR")).contains("发送时出错", "IllegalArgumentException")
        .doesNotContain("token-chengguan-42");
  }

  static Timestamp at(long seconds) {
    return Timestamp.from(START.plusSeconds(seconds));
  }
}
