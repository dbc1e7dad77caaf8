package cn.zhenggai.rectification.notification;

import cn.zhenggai.rectification.notification.NotificationProperties.Robot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The groups' robots from {@code rectification.robots}: each belongs to a group, a unit, a supervisor group or the
 * leaders' group (the key is {@code unit}, as robots were first for units only). Checked at start-up: a robot without
 * its group, kind or secret stops the start with a message naming the entry and the field. Whether the group exists
 * can only be checked once the organization is seeded: at the robots' first use a robot whose group does not exist is
 * named in a warning.
 */
@Component
class Robots {

  private static final Logger LOG = LoggerFactory.getLogger(Robots.class);

  private final Map<String, Robot> byGroup = new LinkedHashMap<>();
  private final Map<String, String> entries = new LinkedHashMap<>();
  private final List<String> secrets = new ArrayList<>();
  private final AtomicBoolean groupsLookedUp = new AtomicBoolean();

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
      if (byGroup.putIfAbsent(robot.unit(), robot) != null) {
        throw new IllegalStateException(entry + ".unit：组 " + robot.unit() + " 已有一个群机器人");
      }
      entries.put(robot.unit(), entry);
      secrets.add(robot.key());
      secrets.add(robot.token());
      secrets.add(robot.secret());
    }
  }

  /**
   * Every robot, in the order configured. At the first call, a robot whose group does not exist (as {@code groupExists}
   * tells) is named in a warning: the groups are seeded after start-up, so this is the first moment to tell.
   */
  Collection<Robot> all(Predicate<String> groupExists) {
    if (groupsLookedUp.compareAndSet(false, true)) {
      entries.forEach((group, entry) -> {
        if (!groupExists.test(group)) {
          LOG.warn("{}.unit：组 {} 不存在，这个群机器人收不到任何通知（组 ID 见 seeds/organization.yaml 或 Camunda Admin）",
              entry, group);
        }
      });
    }
    return Collections.unmodifiableCollection(byGroup.values());
  }

  /** The robot of a group (a unit, a supervisor group or the leaders' group), if it has one. */
  Optional<Robot> ofGroup(String groupId) {
    return Optional.ofNullable(groupId == null ? null : byGroup.get(groupId));
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
