package cn.zhenggai.rectification.casework;

import cn.zhenggai.rectification.audit.AuditAction;
import cn.zhenggai.rectification.audit.AuditTrail;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * The task actions of the audit trail that leave no entry in a case's timeline: claiming a task for oneself, giving it
 * back, and confirming a problem's closure. (A supervisor's reassignment and every other completion are timeline
 * entries, which {@link CaseTimeline} passes on to the audit trail.)
 */
@Component
class TaskAudit {

  private final AuditTrail trail;
  private final IdentityService identity;

  TaskAudit(AuditTrail trail, IdentityService identity) {
    this.trail = trail;
    this.identity = identity;
  }

  /** The assignee changed: the signed-in user took the task, or let it go. */
  void assigned(DelegateTask task) {
    String user = currentUser();
    if (user == null) {
      return; // not a person's action
    }
    if (task.getAssignee() == null) {
      record(task, user, AuditAction.TASK_UNCLAIMED);
    } else if (task.getAssignee().equals(user)) {
      record(task, user, AuditAction.TASK_CLAIMED);
    }
  }

  void closureConfirmed(DelegateTask task) {
    record(task, currentUser(), AuditAction.CLOSURE_CONFIRMED);
  }

  private void record(DelegateTask task, String user, AuditAction action) {
    String problemId;
    String unitId;
    String businessKey = unitsBusinessKey(task);
    if (businessKey != null) {
      // a unit's task: its process's business key names both, without loading the task's variables (a claim needs none)
      problemId = businessKey.substring(0, businessKey.lastIndexOf('/'));
      unitId = businessKey.substring(businessKey.lastIndexOf('/') + 1);
    } else {
      problemId = (String) task.getVariable(RectificationCaseProcess.PROBLEM_ID);
      unitId = (String) task.getVariable(UnitRectificationProcess.UNIT_ID);
    }
    trail.record(AuditTrail.Actor.named(user), AuditTrail.Entry.onCase(action, problemId, unitId, task.getName(), null));
  }

  /** {@code <problem>/<unit>} of a unit's task (unit ids have no slash); null for the problem's own tasks. */
  private static String unitsBusinessKey(DelegateTask task) {
    String definitionId = task.getProcessDefinitionId();
    if (definitionId == null || !definitionId.startsWith(UnitRectificationProcess.KEY + ":")) {
      return null;
    }
    String businessKey = task.getExecution().getProcessBusinessKey();
    return businessKey != null && businessKey.indexOf('/') > 0 ? businessKey : null;
  }

  private String currentUser() {
    var authentication = identity.getCurrentAuthentication();
    return authentication == null ? null : authentication.getUserId();
  }
}
