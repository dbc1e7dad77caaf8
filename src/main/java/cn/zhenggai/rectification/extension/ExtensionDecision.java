package cn.zhenggai.rectification.extension;

import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.DEADLINE_NOTE;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.EXTENSION_APPROVED;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.EXTENSION_DECISION_COMMENT;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.EXTENSION_GRANTED_UNTIL;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.EXTENSION_REQUEST_ID;

import cn.zhenggai.rectification.casework.CaseExtensions;
import cn.zhenggai.rectification.casework.CaseExtensions.Step;
import cn.zhenggai.rectification.notification.ExtensionNotices;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.RefusedAction;
import cn.zhenggai.rectification.vocabulary.RefusedInput;
import cn.zhenggai.rectification.vocabulary.StageDeadlines;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The supervisors' decision on a request (completion of 审批延期申请, {@code ${extensionDecision}}): only the problem's
 * supervisors decide; a refusal needs its reason; an approval a date after the current due date and no later than
 * asked. Anything else refuses the completion and nothing is recorded. A refusal is recorded here, with the unit told;
 * an approval is carried out by {@link ExtensionGrant}, the next step of the diagram.
 */
@Component("extensionDecision")
class ExtensionDecision implements TaskListener {

  private final ExtensionStore store;
  private final CaseExtensions register;
  private final ExtensionNotices notices;
  private final ExtensionRequests requests;
  private final StageDeadlines deadlines;
  private final TaskService tasks;
  private final IdentityService identity;

  ExtensionDecision(ExtensionStore store, CaseExtensions register, ExtensionNotices notices, ExtensionRequests requests,
      StageDeadlines deadlines, @Lazy TaskService tasks, @Lazy IdentityService identity) {
    this.store = store;
    this.register = register;
    this.notices = notices;
    this.requests = requests;
    this.deadlines = deadlines;
    this.tasks = tasks;
    this.identity = identity;
  }

  @Override
  public void notify(DelegateTask review) {
    ExtensionRequest request = store.find((Long) review.getVariable(EXTENSION_REQUEST_ID)).orElseThrow();
    String decider = decider(review);
    Task unitTask = tasks.createTaskQuery().taskId(request.taskId()).singleResult();
    LocalDate due = deadlines.dayOf(unitTask.getDueDate());
    String comment = text(review.getVariable(EXTENSION_DECISION_COMMENT));
    String stage = request.stage().label();
    if (Boolean.TRUE.equals(review.getVariable(EXTENSION_APPROVED))) {
      LocalDate granted = granted(review.getVariable(EXTENSION_GRANTED_UNTIL), request.requestedUntil());
      if (!granted.isAfter(due)) {
        throw new RefusedInput("批准延期至（extensionGrantedUntil）" + granted + " 须晚于现截止日期 " + due);
      }
      if (granted.isAfter(request.requestedUntil())) {
        throw new RefusedInput("批准延期至（extensionGrantedUntil）" + granted + " 不能晚于单位申请的 " + request.requestedUntil());
      }
      store.decide(request.id(), ExtensionStatus.APPROVED, decider, granted, comment);
      notices.decided(review, unitTask, deadlines.endOf(granted), stage, "同意延期至 " + granted
          + (granted.isBefore(request.requestedUntil()) ? "（申请延期至 " + request.requestedUntil() + "）" : "")
          + "，请在新的截止日期前办结。" + (comment == null ? "" : "意见：" + comment));
      return;
    }
    if (comment == null) {
      throw new RefusedInput("不同意延期时请写明理由（extensionDecisionComment），理由会告知申请单位");
    }
    review.setVariable(EXTENSION_APPROVED, false);
    store.decide(request.id(), ExtensionStatus.REFUSED, decider, null, comment);
    register.refused(new Step(request.processInstanceId(), request.problemId(), request.unitId(), decider,
        stage + "：不同意延期至 " + request.requestedUntil() + "，仍以 " + due + " 为截止日期；理由：" + comment));
    review.setVariable(DEADLINE_NOTE, requests.note(request));
    notices.decided(review, unitTask, unitTask.getDueDate(), stage, "延期至 " + request.requestedUntil()
        + " 的申请未获批准，仍以现截止日期为准。理由：" + comment);
  }

  /** The person completing the review; a person not among the problem's supervisors may not decide. */
  private String decider(DelegateTask review) {
    Authentication authentication = identity.getCurrentAuthentication();
    if (authentication == null) {
      return review.getAssignee();
    }
    List<String> groups = authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
    String supervisors = String.valueOf(review.getVariable(RectificationCaseProcess.SUPERVISOR_GROUPS));
    if (Arrays.stream(supervisors.split(",")).noneMatch(groups::contains) && !groups.contains("camunda-admin")) {
      throw new RefusedAction("只有该问题的督办单位可以审批延期申请");
    }
    return authentication.getUserId();
  }

  private static LocalDate granted(Object value, LocalDate requested) {
    if (value == null || value.toString().isBlank()) {
      return requested;
    }
    try {
      return LocalDate.parse(value.toString());
    } catch (DateTimeParseException e) {
      throw new RefusedInput("批准延期至（extensionGrantedUntil）应为日期，格式 yyyy-MM-dd");
    }
  }

  private static String text(Object value) {
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    String text = value.toString().strip();
    if (text.length() > ExtensionRequests.MAX_REASON) {
      throw new RefusedInput("审批意见（extensionDecisionComment）不能超过 " + ExtensionRequests.MAX_REASON + " 个字");
    }
    return text;
  }
}
