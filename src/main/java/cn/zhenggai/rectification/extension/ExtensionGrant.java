package cn.zhenggai.rectification.extension;

import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.DEADLINE_NOTE;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.EXTENSION_GRANTED;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.EXTENSION_REQUEST_ID;

import cn.zhenggai.rectification.casework.CaseExtensions;
import cn.zhenggai.rectification.casework.CaseExtensions.Step;
import cn.zhenggai.rectification.casework.SaveAsPerson;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.Stage;
import cn.zhenggai.rectification.vocabulary.StageDeadlines;
import java.util.Date;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * 顺延截止日期 ({@code ${extensionGrant}}): the unit's task gets the granted date as its due date, saved as the deciding
 * supervisor would in Tasklist, so the register, the reminders and the cards follow it by themselves; for 落实整改 the
 * item's deadline moves with it (the problem's stays the original). The register and the timeline record the grant.
 */
@Component("extensionGrant")
class ExtensionGrant implements JavaDelegate {

  private final ExtensionStore store;
  private final CaseExtensions register;
  private final ExtensionRequests requests;
  private final StageDeadlines deadlines;
  private final TaskService tasks;
  private final SaveAsPerson saving;

  ExtensionGrant(ExtensionStore store, CaseExtensions register, ExtensionRequests requests, StageDeadlines deadlines,
      @Lazy TaskService tasks, SaveAsPerson saving) {
    this.store = store;
    this.register = register;
    this.requests = requests;
    this.deadlines = deadlines;
    this.tasks = tasks;
    this.saving = saving;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ExtensionRequest request = store.find((Long) execution.getVariable(EXTENSION_REQUEST_ID)).orElseThrow();
    Task task = tasks.createTaskQuery().taskId(request.taskId()).singleResult();
    Date before = task.getDueDate();
    Date until = deadlines.endOf(request.grantedUntil());
    // the timeline records the grant below, not a second entry for the due date it moves
    execution.getProcessInstance().setVariableLocal(EXTENSION_GRANTED, Variables.booleanValue(true, true));
    task.setDueDate(until);
    saving.save(request.decidedBy(), task); // as the supervisor who decided
    if (request.stage() == Stage.RECTIFY) {
      execution.setVariable(RectificationCaseProcess.RECTIFICATION_DEADLINE, until);
      execution.setVariable(RectificationCaseProcess.RECTIFICATION_DEADLINE_TEXT, request.grantedUntil().toString());
    }
    register.granted(new Step(request.processInstanceId(), request.problemId(), request.unitId(), request.decidedBy(),
        request.stage().label() + "：截止日期由 " + deadlines.dayOf(before) + " 延至 " + request.grantedUntil()
            + (request.grantedUntil().isBefore(request.requestedUntil()) ? "（申请延期至 " + request.requestedUntil() + "）" : "")
            + (request.decisionReason() == null ? "" : "；意见：" + request.decisionReason())),
        request.stage(), until, request.grantedUntil());
    execution.setVariable(DEADLINE_NOTE, requests.note(request));
  }
}
