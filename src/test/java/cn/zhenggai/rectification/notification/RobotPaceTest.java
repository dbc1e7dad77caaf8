package cn.zhenggai.rectification.notification;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.notification.NotificationProperties.Robot;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A robot's turns on the embedded default database (H2 with the application's migrations, so V14 is checked on H2
 * too), taken by two nodes: one message every 3 s for 20 a minute, whoever sends it; two robots do not wait for each
 * other; the robot is stored under a digest, never its secret.
 */
class RobotPaceTest {

  static final Instant START = Instant.parse("2026-12-01T01:00:00Z");
  static final Robot CHENGGUAN = new Robot("street-chengguan", NoticeChannel.DINGTALK, null, "token-chengguan", "SEC1");
  static final Robot DONGCHENG = new Robot("street-dongcheng", NoticeChannel.WECOM, "key-dongcheng", null, null);

  JdbcTemplate jdbc;
  RobotPace node;
  RobotPace otherNode;

  @BeforeEach
  void database() {
    DataSource database = new DriverManagerDataSource("jdbc:h2:mem:pace-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
    jdbc = new JdbcTemplate(database);
    NotificationProperties properties = new NotificationProperties(URI.create("http://localhost:8080"), null, null,
        new NotificationProperties.Channels(Duration.ofSeconds(1), 3, Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(5), 20, URI.create("http://localhost"), URI.create("http://localhost")), List.of());
    node = new RobotPace(jdbc, properties);
    otherNode = new RobotPace(jdbc, properties);
  }

  @Test
  void aRobotsTurnComesEveryThreeSecondsWhicheverNodeTakesIt() {
    assertThat(node.take(CHENGGUAN, at(0))).as("its first message").isEmpty();
    assertThat(otherNode.take(CHENGGUAN, at(0))).contains(at(3000));
    assertThat(node.take(CHENGGUAN, at(2999))).contains(at(3000));
    assertThat(otherNode.take(CHENGGUAN, at(3000))).isEmpty();
    assertThat(node.take(CHENGGUAN, at(3000))).as("that turn is taken").contains(at(6000));
  }

  @Test
  void inAnyMinuteARobotTakesAtMostTwentyMessagesAndAnotherRobotDoesNotWait() {
    int taken = 0;
    for (long millis = 0; millis < 60_000; millis += 500) {
      taken += node.take(CHENGGUAN, at(millis)).isEmpty() ? 1 : 0;
      taken += otherNode.take(CHENGGUAN, at(millis)).isEmpty() ? 1 : 0;
    }
    assertThat(taken).isEqualTo(20);
    assertThat(node.take(DONGCHENG, at(1000))).isEmpty();
    assertThat(jdbc.queryForList("select robot from robot_pace", String.class))
        .hasSize(2).allMatch(name -> !name.contains("token-chengguan") && !name.contains("key-dongcheng"));
  }

  private static Date at(long millis) {
    return Date.from(START.plusMillis(millis));
  }
}
