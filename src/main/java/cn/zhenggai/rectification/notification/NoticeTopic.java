package cn.zhenggai.rectification.notification;

import cn.zhenggai.rectification.casework.CaseRegister.DueTask;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.util.Date;
import java.util.function.UnaryOperator;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * What a task's notice is about: a new task in its own transaction, or a task the sweep found in the register.
 *
 * @param unitName null for the problem's own task (all units)
 * @param stage the step as the notice names it
 */
record NoticeTopic(String problemId, String problemTitle, String unitId, String unitName, String stage, String taskId,
    String taskName, Date due) {

  static NoticeTopic of(DelegateTask task) {
    return new NoticeTopic(
        (String) task.getVariable(RectificationCaseProcess.PROBLEM_ID),
        (String) task.getVariable(RectificationCaseProcess.PROBLEM_TITLE),
        (String) task.getVariable(UnitRectificationProcess.UNIT_ID),
        (String) task.getVariable(UnitRectificationProcess.UNIT_NAME),
        task.getBpmnModelElementInstance() == null ? task.getName() : task.getBpmnModelElementInstance().getName(),
        task.getId(),
        task.getName(),
        task.getDueDate());
  }

  /** The register knows the step, not the task's Tasklist name: the notice names the step and the case. */
  static NoticeTopic of(DueTask task, UnaryOperator<String> unitNames) {
    String unitName = task.unitId() == null ? null : unitNames.apply(task.unitId());
    String stage = task.stage().label();
    return new NoticeTopic(task.problemId(), task.title(), task.unitId(), unitName, stage, task.taskId(),
        stage + " · " + task.title() + (unitName == null ? "" : " · " + unitName), task.dueAt());
  }
}
