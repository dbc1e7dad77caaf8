package cn.zhenggai.rectification.extension;

import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.EXTENSION_APPROVED;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.EXTENSION_CURRENT_DUE;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.EXTENSION_DECISION_COMMENT;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.EXTENSION_DUE_AT;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.EXTENSION_GRANTED_UNTIL;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.EXTENSION_REASON;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.EXTENSION_REQUESTED_UNTIL;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.EXTENSION_REQUESTS_USED;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.EXTENSION_REQUEST_ID;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.EXTENSION_STAGE;

import cn.zhenggai.rectification.notification.ExtensionNotices;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.StageDeadlines;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * The start of the sub-process 延期申请 ({@code ${extensionReview}}): the waiting request becomes the sub-process's own
 * variables, which the review form shows and its decision writes (a message's payload would go to the process instance,
 * where two requests would share them); and the supervisors are told ({@code ${extensionReview.notifySupervisors(task)}}).
 */
@Component("extensionReview")
public class ExtensionReview implements ExecutionListener {

  private final ExtensionStore store;
  private final StageDeadlines deadlines;
  private final ExtensionProperties properties;
  private final ExtensionNotices notices;

  ExtensionReview(ExtensionStore store, StageDeadlines deadlines, ExtensionProperties properties,
      ExtensionNotices notices) {
    this.store = store;
    this.deadlines = deadlines;
    this.properties = properties;
    this.notices = notices;
  }

  @Override
  public void notify(DelegateExecution execution) {
    List<ExtensionRequest> requests = store.ofItem((String) execution.getVariable(RectificationCaseProcess.PROBLEM_ID),
        (String) execution.getVariable(UnitRectificationProcess.UNIT_ID), execution.getProcessInstanceId());
    ExtensionRequest request = ExtensionStore.pending(requests).orElseThrow(
        () -> new IllegalStateException("no waiting request for process instance " + execution.getProcessInstanceId()));
    long used = ExtensionRequests.used(requests);
    execution.setVariableLocal(EXTENSION_REQUEST_ID, request.id());
    execution.setVariableLocal(EXTENSION_STAGE, request.stage().label());
    execution.setVariableLocal(EXTENSION_REASON, request.reason());
    execution.setVariableLocal(EXTENSION_DUE_AT, Date.from(request.dueAt()));
    execution.setVariableLocal(EXTENSION_CURRENT_DUE, deadlines.dayOf(Date.from(request.dueAt())).toString());
    execution.setVariableLocal(EXTENSION_REQUESTED_UNTIL, request.requestedUntil().toString());
    execution.setVariableLocal(EXTENSION_REQUESTS_USED, "本项第 " + used + " 次申请（每项最多 " + properties.maxRequests() + " 次）");
    // the decision, written by the review form into this scope
    execution.setVariableLocal(EXTENSION_APPROVED, null);
    execution.setVariableLocal(EXTENSION_GRANTED_UNTIL, request.requestedUntil().toString());
    execution.setVariableLocal(EXTENSION_DECISION_COMMENT, null);
  }

  public void notifySupervisors(DelegateTask review) {
    notices.requested(review, review.getVariable(EXTENSION_STAGE) + "：申请将截止日期由 " + review.getVariable(EXTENSION_CURRENT_DUE)
        + " 延至 " + review.getVariable(EXTENSION_REQUESTED_UNTIL) + "。理由：" + review.getVariable(EXTENSION_REASON));
  }
}
