package cn.zhenggai.rectification.notification;

/** Where a notice stands on its way out (column {@code notification.status}). */
public enum NoticeStatus {
  PENDING("待发送"),
  /** Claimed by one node's sender. */
  SENDING("待发送"),
  SENT("已发送"),
  FAILED("发送失败"),
  /** Recorded, but nothing to send it with (no mail server, or the person has no address). */
  NOT_SENT("未发送"),
  /** Held for the person's daily digest instead of a mail of its own. */
  IN_DIGEST("待并入每日汇总"),
  DIGESTED("已并入每日汇总");

  private final String label;

  NoticeStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
