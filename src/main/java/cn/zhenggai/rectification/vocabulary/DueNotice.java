package cn.zhenggai.rectification.vocabulary;

/**
 * The notices that follow a task's due date, in the order they come (the register's {@code next_notice}; the sweep
 * process {@code DeadlineWatch} sends them). The label starts the email's subject.
 */
public enum DueNotice {
  BEFORE_DUE("催办"),
  DUE_DAY("今日到期"),
  YELLOW_CARD("黄牌督办"),
  RED_CARD("红牌督办");

  private final String label;

  DueNotice(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** A reminder is for work still in time: a task already overdue gets its cards instead. */
  public boolean isReminder() {
    return this == BEFORE_DUE || this == DUE_DAY;
  }

  /** The card this notice raises on the register, or {@link Card#NONE}. */
  public Card card() {
    return switch (this) {
      case YELLOW_CARD -> Card.YELLOW;
      case RED_CARD -> Card.RED;
      default -> Card.NONE;
    };
  }
}
