package cn.zhenggai.rectification.extension;

import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.DEADLINE_NOTE;

import cn.zhenggai.rectification.casework.CaseExtensions;
import cn.zhenggai.rectification.casework.CaseExtensions.Step;
import cn.zhenggai.rectification.security.Viewer;
import cn.zhenggai.rectification.vocabulary.EngineClock;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.RefusedAction;
import cn.zhenggai.rectification.vocabulary.RefusedAtThisStage;
import cn.zhenggai.rectification.vocabulary.RefusedInput;
import cn.zhenggai.rectification.vocabulary.Stage;
import cn.zhenggai.rectification.vocabulary.StageDeadlines;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.annotation.Lazy;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * A unit asks for more time on its open 制定整改方案 or 落实整改 task (延期申请): before the due date passes, with a reason,
 * for a date after the due date and at most {@code rectification.extension.max} after it, one request waiting at a time
 * and at most {@code max-requests} per item. A request starts the event sub-process 延期申请 of the unit's process,
 * where the problem's supervisors decide ({@link ExtensionDecision}, {@link ExtensionGrant}). Refusals change nothing.
 */
@Service("extensionRequests")
public class ExtensionRequests {

  static final String NO_SUCH_TASK = "找不到该任务（或无权查看）";
  static final int MAX_REASON = 500;
  private static final Pattern INVISIBLE = Pattern.compile("[\\s\\p{Z}\\p{Cf}\\p{Cc}]+");

  private final TaskService tasks;
  private final RuntimeService runtime;
  private final HistoryService history;
  private final IdentityService identity;
  private final ExtensionStore store;
  private final CaseExtensions register;
  private final StageDeadlines deadlines;
  private final ExtensionProperties properties;

  ExtensionRequests(@Lazy TaskService tasks, @Lazy RuntimeService runtime, @Lazy HistoryService history,
      @Lazy IdentityService identity, ExtensionStore store, CaseExtensions register, StageDeadlines deadlines,
      ExtensionProperties properties) {
    this.tasks = tasks;
    this.runtime = runtime;
    this.history = history;
    this.identity = identity;
    this.store = store;
    this.register = register;
    this.deadlines = deadlines;
    this.properties = properties;
  }

  /** What the Tasklist panel shows of a task this person sees: whether they may ask now, and the item's requests. */
  @Transactional(readOnly = true)
  public ExtensionView view(String taskId, Viewer viewer) {
    ExtensionTask task = seen(taskId, viewer);
    List<ExtensionRequest> requests = store.ofItem(task.problemId(), task.unitId(), task.processInstanceId());
    RuntimeException refusal = refusal(task, viewer, requests);
    boolean dated = task.extendable() && task.due() != null;
    LocalDate original = dated ? original(task.stage(), task.processInstanceId(), task.problemId(),
        ofStep(requests, task.stage(), task.taskId()), task.due()) : null;
    return ExtensionView.of(task, dated ? deadlines.dayOf(task.due()) : null, original, dated ? latest(task) : null,
        requests, properties.maxRequests(), refusal == null ? null : refusal.getMessage(), register::nameOf);
  }

  @Transactional
  public ExtensionView request(String taskId, LocalDate until, String reason, Viewer viewer) {
    ExtensionTask task = seen(taskId, viewer);
    RuntimeException refusal = refusal(task, viewer, store.ofItem(task.problemId(), task.unitId(), task.processInstanceId()));
    if (refusal != null) {
      throw refusal;
    }
    String why = reason(reason);
    LocalDate due = deadlines.dayOf(task.due());
    if (until == null) {
      throw new RefusedInput("请选择延期至哪一天（until，格式 yyyy-MM-dd，如 " + due.plusDays(7) + "）");
    }
    if (!until.isAfter(due)) {
      throw new RefusedInput("延期至 " + until + " 须晚于现截止日期 " + due + "（until）");
    }
    LocalDate latest = latest(task);
    if (until.isAfter(latest)) {
      throw new RefusedInput(latest.isBefore(deadlines.dayOf(furthest(task)))
          ? "整改方案最晚只能延期至整改时限 " + latest + "，不能延期至 " + until + "（until）"
          : "延期至 " + until + " 超出了允许的范围：现截止日期后最多 " + properties.maxShown() + "，即最晚 " + latest + "（until）");
    }
    try {
      store.insert(task.item(), task.problemId(), task.unitId(), task.processInstanceId(), task.taskId(), task.stage(),
          task.due(), until, why, viewer.userId());
    } catch (DuplicateKeyException concurrent) {
      throw new RefusedAtThisStage(pendingMessage(until));
    }
    register.requested(new Step(task.processInstanceId(), task.problemId(), task.unitId(), viewer.userId(),
        task.stage().label() + "：申请延期至 " + until + "（现截止日期 " + due + "）；理由：" + why), until);
    runtime.setVariable(task.processInstanceId(), DEADLINE_NOTE,
        note(store.ofItem(task.problemId(), task.unitId(), task.processInstanceId()), task.stage(), task.taskId()));
    runtime.createMessageCorrelation(UnitRectificationProcess.MESSAGE_EXTENSION_REQUESTED)
        .processInstanceId(task.processInstanceId()).correlateWithResult();
    return view(taskId, viewer);
  }

  /**
   * The unit completed 制定整改方案 or 落实整改 (a listener in the diagram): a request still waiting lapses and its review
   * task goes away; the forms' note then tells of the item's deadline only.
   */
  public void lapse(DelegateTask task) {
    String instance = task.getProcessInstanceId();
    List<ExtensionRequest> requests = store.ofItem((String) task.getVariable(RectificationCaseProcess.PROBLEM_ID),
        (String) task.getVariable(UnitRectificationProcess.UNIT_ID), instance);
    if (requests.isEmpty()) {
      return; // the common case: one query, nothing to note
    }
    ExtensionStore.pending(requests).ifPresent(waiting -> {
      store.decide(waiting.id(), ExtensionStatus.LAPSED, null, null, null);
      var authentication = identity.getCurrentAuthentication();
      register.lapsed(new Step(instance, waiting.problemId(), waiting.unitId(),
          authentication == null ? task.getAssignee() : authentication.getUserId(),
          waiting.stage().label() + "已办理完成，等待审批的延期申请（延期至 " + waiting.requestedUntil() + "）随之失效"));
      runtime.createMessageCorrelation(UnitRectificationProcess.MESSAGE_EXTENSION_LAPSED)
          .processInstanceId(instance).correlateWithResult();
    });
    task.setVariable(DEADLINE_NOTE, note(requests.stream().filter(r -> r.status() != ExtensionStatus.PENDING).toList(),
        Stage.RECTIFY, null));
  }

  /**
   * 审批延期申请 goes away undecided (its delete listener) because the unit's case ended while the request waited: the
   * unit or its problem withdrawn, carried over, or the process cancelled. The request lapses and the register no longer
   * shows it waiting; the amendment that ended the case says so in the timeline, with who and why. After {@link #lapse}
   * (the unit completed its task) nothing waits any more and nothing happens here.
   */
  public void ended(DelegateTask review) {
    if (store.lapseWaiting(review.getProcessInstanceId())) {
      register.noLongerPending(review.getProcessInstanceId());
    }
  }

  /** The note of a step: 落实整改's (the item's deadline) across its tasks, a plan's of its own task. */
  String note(List<ExtensionRequest> ofItem, Stage stage, String taskId) {
    List<ExtensionRequest> requests = ofStep(ofItem, stage, taskId);
    if (requests.isEmpty()) {
      return null;
    }
    ExtensionRequest first = requests.get(0);
    return DeadlineNote.of(stage, requests,
        original(stage, first.processInstanceId(), first.problemId(), requests, Date.from(first.dueAt())));
  }

  /** A step's requests: 落实整改's across its tasks (a returned report's redo too), a plan's of its own task. */
  private static List<ExtensionRequest> ofStep(List<ExtensionRequest> ofItem, Stage stage, String taskId) {
    return ofItem.stream().filter(r -> r.stage() == stage && (stage == Stage.RECTIFY || r.taskId().equals(taskId)))
        .toList();
  }

  /**
   * The step's deadline before any extension: for 落实整改 the problem's 整改时限; for a plan, and for 落实整改 after a
   * reopening (复号: the look-back gave the new round its deadline), the due date the step's first request saw, else
   * its current one.
   */
  private LocalDate original(Stage stage, String processInstanceId, String problemId, List<ExtensionRequest> ofStep,
      Date due) {
    if (stage == Stage.RECTIFY && !Boolean.TRUE.equals(runtime.getVariable(processInstanceId, UnitRectificationProcess.REOPENED))) {
      return register.problemDeadline(problemId);
    }
    return deadlines.dayOf(ofStep.isEmpty() ? due : Date.from(ofStep.get(0).dueAt()));
  }

  /** The same, read afresh for a request. */
  String note(ExtensionRequest request) {
    return note(store.ofItem(request.problemId(), request.unitId(), request.processInstanceId()), request.stage(),
        request.taskId());
  }

  /** Why this person may not ask now (403, 409), or null; checked before what they wrote. */
  private RuntimeException refusal(ExtensionTask task, Viewer viewer, List<ExtensionRequest> requests) {
    if (!task.extendable()) {
      return new RefusedAtThisStage("只有“制定整改方案”和“落实整改并报送完成情况”两步可以申请延期，“" + task.step() + "”不能");
    }
    if (tasks.createTaskQuery().taskId(task.taskId()).taskCandidateUser(viewer.userId()).includeAssignedTasks().count() == 0) {
      return new RefusedAction("只有承办该任务的单位可以申请延期");
    }
    if (task.due() == null) {
      return new RefusedAtThisStage("该任务没有截止日期，无需申请延期");
    }
    if (!EngineClock.now().before(task.due())) {
      return new RefusedAtThisStage("截止日期 " + deadlines.dayOf(task.due()) + " 已过，不能再申请延期；逾期事项照常记为逾期");
    }
    Optional<ExtensionRequest> waiting = ExtensionStore.pending(requests);
    if (waiting.isPresent()) {
      return new RefusedAtThisStage(pendingMessage(waiting.get().requestedUntil()));
    }
    long used = used(requests);
    if (used >= properties.maxRequests()) {
      return new RefusedAtThisStage("每项整改最多申请延期 " + properties.maxRequests() + " 次，本项已申请 " + used + " 次，不能再申请");
    }
    if (!latest(task).isAfter(deadlines.dayOf(task.due()))) {
      return new RefusedAtThisStage("整改方案的截止日期已是整改时限，不能再延期");
    }
    return null;
  }

  static long used(List<ExtensionRequest> requests) {
    return requests.stream().filter(r -> r.status() != ExtensionStatus.LAPSED).count();
  }

  private static String pendingMessage(LocalDate until) {
    return "本项已有一份延期申请（延期至 " + until + "）等待督办单位审批，审批后才能再次申请";
  }

  /** The latest date a request may ask for: the maximum after the due date; for a plan, at most the 整改时限. */
  LocalDate latest(ExtensionTask task) {
    LocalDate furthest = deadlines.dayOf(furthest(task));
    return task.stage() == Stage.DRAFT_PLAN && task.deadline() != null && task.deadline().isBefore(furthest)
        ? task.deadline() : furthest;
  }

  private Date furthest(ExtensionTask task) {
    return new Date(task.due().getTime() + properties.max().toMillis());
  }

  private static String reason(String reason) {
    String visible = reason == null ? "" : INVISIBLE.matcher(reason).replaceAll("");
    if (visible.isEmpty()) {
      throw new RefusedInput("请写明申请延期的理由（reason），理由随申请交督办单位审批");
    }
    if (reason.strip().length() > MAX_REASON) {
      throw new RefusedInput("延期理由（reason）不能超过 " + MAX_REASON + " 个字，现有 " + reason.strip().length() + " 个字");
    }
    return reason.strip();
  }

  /** The open unit task, if this person sees its item; a completed one is refused as such (409), others not found. */
  private ExtensionTask seen(String taskId, Viewer viewer) {
    Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
    if (task == null) {
      HistoricTaskInstance done = history.createHistoricTaskInstanceQuery().taskId(taskId).finished().singleResult();
      if (done != null && done.getProcessInstanceId() != null
          && viewer.sees(unitOf(done.getProcessDefinitionKey(), done.getProcessInstanceId()))) {
        throw new RefusedAtThisStage("该任务已办理完成，不能再申请延期");
      }
      throw notFound();
    }
    ProcessInstance instance = task.getProcessInstanceId() == null ? null : runtime.createProcessInstanceQuery()
        .processInstanceId(task.getProcessInstanceId()).processDefinitionKey(UnitRectificationProcess.KEY).singleResult();
    if (instance == null) {
      return ofTheCase(task, viewer);
    }
    String unitId = (String) runtime.getVariable(instance.getId(), UnitRectificationProcess.UNIT_ID);
    if (!viewer.sees(unitId)) {
      throw notFound();
    }
    Date deadline = (Date) runtime.getVariable(instance.getId(), RectificationCaseProcess.RECTIFICATION_DEADLINE);
    return new ExtensionTask(taskId, instance.getId(), instance.getBusinessKey(),
        (String) runtime.getVariable(instance.getId(), RectificationCaseProcess.PROBLEM_ID), unitId,
        Stage.ofTask(task.getTaskDefinitionKey()).filter(Stage::byUnit).orElse(null),
        task.getName().split(" · ", 2)[0], task.getDueDate(), deadline == null ? null : deadlines.dayOf(deadline));
  }

  /**
   * A task of the problem's own case (回头看 about one unit, 确认问题销号): a supervisors' step, so no request is taken on
   * it (the panel shows nothing, a request is refused as for any step not the unit's); seen as the unit's item is.
   */
  private ExtensionTask ofTheCase(Task task, Viewer viewer) {
    ProcessInstance instance = task.getProcessInstanceId() == null ? null : runtime.createProcessInstanceQuery()
        .processInstanceId(task.getProcessInstanceId()).processDefinitionKey(RectificationCaseProcess.KEY).singleResult();
    String unitId = instance == null ? null : (String) runtime.getVariable(task.getExecutionId(), UnitRectificationProcess.UNIT_ID);
    if (instance == null || !(unitId == null ? viewer.readsEverything() : viewer.sees(unitId))) {
      throw notFound();
    }
    return new ExtensionTask(task.getId(), instance.getId(), instance.getBusinessKey(),
        (String) runtime.getVariable(instance.getId(), RectificationCaseProcess.PROBLEM_ID), unitId, null,
        task.getName().split(" · ", 2)[0], task.getDueDate(), null);
  }

  private String unitOf(String processKey, String processInstanceId) {
    if (!UnitRectificationProcess.KEY.equals(processKey)) {
      return null;
    }
    var unit = history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
        .variableName(UnitRectificationProcess.UNIT_ID).list();
    return unit.isEmpty() ? null : (String) unit.get(0).getValue();
  }

  private static ResponseStatusException notFound() {
    return new ResponseStatusException(HttpStatus.NOT_FOUND, NO_SUCH_TASK);
  }
}
