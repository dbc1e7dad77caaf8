package cn.zhenggai.rectification.notification;

import cn.zhenggai.rectification.notification.NotificationProperties.Robot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The units' group robots from {@code rectification.robots}, checked at start-up: a robot without its unit, kind or
 * secret stops the start with a message naming the entry and the field.
 */
@Component
class Robots {

  private final Map<String, Robot> byUnit = new HashMap<>();
  private final List<String> secrets = new ArrayList<>();

  Robots(NotificationProperties properties) {
    List<Robot> robots = properties.robots();
    for (int i = 0; i < robots.size(); i++) {
      Robot robot = robots.get(i);
      String entry = "rectification.robots[" + i + "]";
      require(robot.unit(), entry + ".unit");
      if (robot.kind() == null || !robot.kind().isRobot()) {
        throw new IllegalStateException(entry + ".kind 须为 WECOM（企业微信）或 DINGTALK（钉钉）");
      }
      if (robot.kind() == NoticeChannel.WECOM) {
        require(robot.key(), entry + ".key");
      } else {
        require(robot.token(), entry + ".token");
        require(robot.secret(), entry + ".secret");
      }
      if (byUnit.putIfAbsent(robot.unit(), robot) != null) {
        throw new IllegalStateException(entry + ".unit：单位 " + robot.unit() + " 已有一个群机器人");
      }
      secrets.add(robot.key());
      secrets.add(robot.token());
      secrets.add(robot.secret());
    }
  }

  Optional<Robot> ofUnit(String unitId) {
    return Optional.ofNullable(unitId == null ? null : byUnit.get(unitId));
  }

  /** The text with every configured robot secret masked: for errors that are stored or logged. */
  String scrub(String text) {
    return Secrets.scrub(text, secrets);
  }

  private static void require(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(field + " 未设置");
    }
  }
}
