package cn.zhenggai.rectification.vocabulary;

/** The supervision card on an item while its current task is overdue (黄牌: overdue; 红牌: long overdue). */
public enum Card {
  NONE(""), YELLOW("黄牌"), RED("红牌");

  private final String label;

  Card(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
