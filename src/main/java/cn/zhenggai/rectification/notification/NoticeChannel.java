package cn.zhenggai.rectification.notification;

/** How a notice travels (column {@code notification.channel}). */
public enum NoticeChannel {
  EMAIL("邮件"),
  /** A unit's WeCom group robot (企业微信, 粤政易). */
  WECOM("企业微信群机器人"),
  /** A unit's DingTalk custom robot (钉钉, 浙政钉). */
  DINGTALK("钉钉群机器人"),
  SMS("短信");

  private final String label;

  NoticeChannel(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  boolean isRobot() {
    return this == WECOM || this == DINGTALK;
  }
}
