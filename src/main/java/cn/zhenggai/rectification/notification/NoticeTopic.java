package cn.zhenggai.rectification.notification;

import cn.zhenggai.rectification.casework.CaseRegister.DueTask;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.time.LocalDate;
import java.util.Date;
import java.util.function.UnaryOperator;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * What a task's notice is about: a new task in its own transaction, or a task the sweep found in the register.
 *
 * @param unitName null for the problem's own task (all units)
 * @param stage the step as the notice names it
 * @param extensionNote what became of a request for more time (延期申请), or null
 */
record NoticeTopic(String problemId, String problemTitle, String unitId, String unitName, String stage, String taskId,
    String taskName, Date due, String extensionNote) {

  static NoticeTopic of(DelegateTask task) {
    return new NoticeTopic(
        (String) task.getVariable(RectificationCaseProcess.PROBLEM_ID),
        (String) task.getVariable(RectificationCaseProcess.PROBLEM_TITLE),
        (String) task.getVariable(UnitRectificationProcess.UNIT_ID),
        (String) task.getVariable(UnitRectificationProcess.UNIT_NAME),
        task.getBpmnModelElementInstance() == null ? task.getName() : task.getBpmnModelElementInstance().getName(),
        task.getId(),
        task.getName(),
        task.getDueDate(),
        null);
  }

  /** The register knows the step, not the task's Tasklist name: the notice names the step and the case. */
  static NoticeTopic of(DueTask task, UnaryOperator<String> unitNames, LocalDate extensionPendingUntil) {
    String unitName = task.unitId() == null ? null : unitNames.apply(task.unitId());
    String stage = task.stage().label();
    return new NoticeTopic(task.problemId(), task.title(), task.unitId(), unitName, stage, task.taskId(),
        stage + " · " + task.title() + (unitName == null ? "" : " · " + unitName), task.dueAt(),
        extensionPendingUntil == null ? null
            : "本项已申请延期至 " + extensionPendingUntil + "，等待督办单位审批；审批前仍以现截止日期为准。");
  }

  NoticeTopic withExtensionNote(String note) {
    return new NoticeTopic(problemId, problemTitle, unitId, unitName, stage, taskId, taskName, due, note);
  }
}
