package cn.zhenggai.rectification.casework;

import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * A task's name in Tasklist tells which case it belongs to, so a secretary with nine "制定整改方案" tells them apart:
 * {@code 制定整改方案 · 1.1 理论学习存在差距 · 城关街道党工委}. The diagram keeps the plain step name.
 */
final class TaskTitle {

  static final String SEPARATOR = " · ";

  private TaskTitle() {}

  static void name(DelegateTask task) {
    Object problemId = task.getVariable(RectificationCaseProcess.PROBLEM_ID);
    Object category = task.getVariable(RectificationCaseProcess.PROBLEM_CATEGORY);
    Object unit = task.getVariable(UnitRectificationProcess.UNIT_NAME);
    String step = task.getBpmnModelElementInstance() == null ? task.getName() : task.getBpmnModelElementInstance().getName();
    task.setName(step + SEPARATOR + problemId + " " + category + (unit == null ? "" : SEPARATOR + unit));
  }
}
