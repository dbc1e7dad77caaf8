package cn.zhenggai.rectification.rounds;

/** Where a round stands: its problem list is edited, its cases are open, or it is over. */
public enum RoundStatus {
  DRAFT("草稿"), PUBLISHED("整改中"), CLOSED("已结束");

  private final String label;

  RoundStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
