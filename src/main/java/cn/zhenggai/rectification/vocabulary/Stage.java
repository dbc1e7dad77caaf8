package cn.zhenggai.rectification.vocabulary;

import java.util.Arrays;
import java.util.Optional;

/** Where a problem or a unit's rectification stands, as the register and the API report it. */
public enum Stage {
  DRAFT_PLAN("制定整改方案", UnitRectificationProcess.TASK_DRAFT_PLAN),
  REVIEW_PLAN("审核整改方案", UnitRectificationProcess.TASK_REVIEW_PLAN),
  RECTIFY("落实整改", UnitRectificationProcess.TASK_RECTIFY),
  ACCEPT_RECTIFICATION("验收整改成效", UnitRectificationProcess.TASK_ACCEPT_RECTIFICATION),
  ACCEPTED("已验收", null),
  UNITS_RECTIFYING("各单位整改中", null),
  CONFIRM_CLOSURE("确认问题销号", RectificationCaseProcess.TASK_CONFIRM_CLOSURE),
  CLOSED("已销号", null),
  /** The supervisors look back at an accepted unit of a closed problem (回头看): 整改成果巩固, or reopened (复号). */
  LOOK_BACK("回头看", RectificationCaseProcess.TASK_LOOK_BACK),
  CANCELLED("已撤销", null),
  CARRIED_OVER("已转入后续批次", null);

  private final String label;
  private final String taskKey;

  Stage(String label, String taskKey) {
    this.label = label;
    this.taskKey = taskKey;
  }

  public String label() {
    return label;
  }

  /** The unit's own steps: the unit's group are the candidates (else the problem's supervisors). */
  public boolean byUnit() {
    return this == DRAFT_PLAN || this == RECTIFY;
  }

  public static Optional<Stage> ofTask(String taskDefinitionKey) {
    return Arrays.stream(values()).filter(s -> taskDefinitionKey.equals(s.taskKey)).findFirst();
  }
}
