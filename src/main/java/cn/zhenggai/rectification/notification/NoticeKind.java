package cn.zhenggai.rectification.notification;

/** What a notification says; the label starts the email's subject. */
public enum NoticeKind {
  NEW_TASK("新任务"),
  BEFORE_DUE("催办"),
  DUE_DAY("今日到期"),
  YELLOW_CARD("黄牌督办"),
  RED_CARD("红牌督办"),
  /** A unit asked for more time: to the supervisors, with the review task (names fit notification.kind, 16). */
  EXTENSION_ASKED("延期申请"),
  /** The supervisors decided a request: to the unit. */
  EXTENSION_RULED("延期审批"),
  DIGEST("待办汇总");

  private final String label;

  NoticeKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  boolean isExtension() {
    return this == EXTENSION_ASKED || this == EXTENSION_RULED;
  }

  boolean isCard() {
    return this == YELLOW_CARD || this == RED_CARD;
  }
}
