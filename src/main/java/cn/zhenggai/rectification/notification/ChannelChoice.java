package cn.zhenggai.rectification.notification;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a person wants their own notices (Camunda user info {@link Notifications#CHANNEL_PREFERENCE}); their unit's group
 * robot gets the unit's notices whatever they choose.
 */
public enum ChannelChoice {
  EMAIL("邮件"),
  SMS("短信"),
  /** Nothing of their own: the unit's group robot is enough. */
  NONE("只看单位群机器人");

  private final String label;

  ChannelChoice(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The stored choice; email when there is none or it is not one of these. */
  static ChannelChoice of(String stored) {
    return named(stored).orElse(EMAIL);
  }

  /** The choice of exactly this name ({@code sms} is none). */
  static Optional<ChannelChoice> named(String name) {
    return Arrays.stream(values()).filter(choice -> choice.name().equals(name)).findFirst();
  }
}
