package cn.zhenggai.rectification.vocabulary;

/** Whether a problem's or a unit's case is still being worked on. */
public enum CaseStatus {
  OPEN("整改中"), CLOSED("已完成"), CANCELLED("已撤销"), CARRIED_OVER("已转入后续批次");

  private final String label;

  CaseStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
