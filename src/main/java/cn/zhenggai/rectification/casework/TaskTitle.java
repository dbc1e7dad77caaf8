package cn.zhenggai.rectification.casework;

import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * A task's name in Tasklist tells which case it belongs to, so a secretary with nine "制定整改方案" tells them apart:
 * {@code 制定整改方案 · 1.1 理论学习不深入、领会不透彻、贯彻不有力 · 城关街道党工委}. The problem's own title, not its
 * category: problems of one category (3.1, 3.2, 3.3) would read alike. While more than one round is in progress, two
 * rounds may both have a 1.1, so the round's name comes first: {@code 制定整改方案 · 2023年度巡察反馈 1.1 …}. The
 * diagram keeps the plain step name.
 */
final class TaskTitle {

  static final String SEPARATOR = " · ";

  private TaskTitle() {}

  static void name(DelegateTask task, boolean severalRounds) {
    Object round = task.getVariable(RectificationCaseProcess.ROUND_NAME);
    Object title = task.getVariable(RectificationCaseProcess.PROBLEM_TITLE);
    Object unit = task.getVariable(UnitRectificationProcess.UNIT_NAME);
    String step = task.getBpmnModelElementInstance() == null ? task.getName() : task.getBpmnModelElementInstance().getName();
    task.setName(step + SEPARATOR + (severalRounds && round != null ? round + " " : "") + number(task) + " " + title
        + (unit == null ? "" : SEPARATOR + unit));
  }

  /** The problem's number in its round; cases opened before rounds existed know only their key. */
  private static String number(DelegateTask task) {
    Object number = task.getVariable(RectificationCaseProcess.PROBLEM_NUMBER);
    if (number != null) {
      return number.toString();
    }
    String key = String.valueOf(task.getVariable(RectificationCaseProcess.PROBLEM_ID));
    return key.substring(key.lastIndexOf('/') + 1);
  }
}
