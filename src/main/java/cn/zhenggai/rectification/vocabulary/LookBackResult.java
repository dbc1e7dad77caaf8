package cn.zhenggai.rectification.vocabulary;

/**
 * Where a closed problem's or an accepted unit's look-back (回头看) stands, as the register keeps it in
 * {@code look_back_result} (null: not looked back at yet; the problem's {@code look_back_due_at} says when).
 */
public enum LookBackResult {
  PENDING("回头看中"), CONSOLIDATED("整改成果巩固"), REOPENED("已复号");

  private final String label;

  LookBackResult(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
