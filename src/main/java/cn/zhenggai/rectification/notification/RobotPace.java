package cn.zhenggai.rectification.notification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.util.Date;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps each robot under its messages per minute on all nodes together: a send takes the robot's turn by moving its
 * "not before" time (table {@code robot_pace}) one interval on, compare-and-set, so two nodes never take the same turn.
 * A robot is known by a digest of its webhook secret (two units sharing one group chat share its limit), never by the
 * secret itself.
 */
@Component
class RobotPace {

  private final JdbcTemplate jdbc;
  private final long intervalMillis;

  RobotPace(JdbcTemplate jdbc, NotificationProperties properties) {
    this.jdbc = jdbc;
    // 20 a minute: one every 3 s, so any 60 s hold at most 20
    this.intervalMillis = (60_000L + properties.channels().robotPerMinute() - 1) / properties.channels().robotPerMinute();
  }

  /** Takes the robot's turn now; when its turn has not come, returns when it comes. */
  Optional<Date> take(NotificationProperties.Robot robot, Date now) {
    String name = name(robot);
    Timestamp at = new Timestamp(now.getTime());
    Timestamp next = new Timestamp(now.getTime() + intervalMillis);
    if (jdbc.update("update robot_pace set not_before = ? where robot = ? and not_before <= ?", next, name, at) == 1) {
      return Optional.empty();
    }
    try {
      if (jdbc.update("insert into robot_pace (robot, not_before) select ?, ? from (values (1)) as one (x)"
          + " where not exists (select 1 from robot_pace where robot = ?)", name, next, name) == 1) {
        return Optional.empty(); // its first message
      }
    } catch (DuplicateKeyException another) {
      // another node sent its first message at this moment
    }
    return Optional.of(new Date(
        jdbc.queryForObject("select not_before from robot_pace where robot = ?", Timestamp.class, name).getTime()));
  }

  static String name(NotificationProperties.Robot robot) {
    String secret = robot.kind() == NoticeChannel.WECOM ? robot.key() : robot.token();
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return robot.kind().name() + ":" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 不可用", e);
    }
  }
}
