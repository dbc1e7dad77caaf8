package cn.zhenggai.rectification.notification;

/** What a notification says; the label starts the email's subject. */
public enum NoticeKind {
  NEW_TASK("新任务"),
  BEFORE_DUE("催办"),
  DUE_DAY("今日到期"),
  YELLOW_CARD("黄牌督办"),
  RED_CARD("红牌督办"),
  DIGEST("待办汇总");

  private final String label;

  NoticeKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  boolean isCard() {
    return this == YELLOW_CARD || this == RED_CARD;
  }
}
