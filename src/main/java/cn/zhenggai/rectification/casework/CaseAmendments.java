package cn.zhenggai.rectification.casework;

import cn.zhenggai.rectification.casework.CaseRegister.CaseState;
import cn.zhenggai.rectification.casework.CaseTimeline.Kind;
import cn.zhenggai.rectification.vocabulary.CaseStatus;
import cn.zhenggai.rectification.vocabulary.GroupType;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.RefusedAtThisStage;
import cn.zhenggai.rectification.vocabulary.RefusedInput;
import cn.zhenggai.rectification.vocabulary.Stage;
import cn.zhenggai.rectification.vocabulary.StageDeadlines;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Amending a published problem, each with a reason kept in the case timeline: a unit added (its case opens), a unit
 * whose work has not started taken off (its case ends as 撤销), the deadline moved (open rectification tasks and their
 * reminders follow), the problem withdrawn or carried over into a later round (every open unit case ends with it).
 * Callers check that the person is one of the organization department's supervisors.
 */
@Service
public class CaseAmendments {

  static final int MAX_REASON = 500;
  private static final int ID_SHOWN = 64;

  private final RuntimeService runtime;
  private final TaskService tasks;
  private final IdentityService identity;
  private final CaseRegister register;
  private final CaseTimeline timeline;
  private final TaskActor actors;
  private final StageDeadlines deadlines;
  private final SaveAsPerson saving;
  private final CaseExtensions extensions;

  CaseAmendments(RuntimeService runtime, TaskService tasks, IdentityService identity, CaseRegister register,
      CaseTimeline timeline, TaskActor actors, StageDeadlines deadlines, SaveAsPerson saving, CaseExtensions extensions) {
    this.runtime = runtime;
    this.tasks = tasks;
    this.identity = identity;
    this.register = register;
    this.timeline = timeline;
    this.actors = actors;
    this.deadlines = deadlines;
    this.saving = saving;
    this.extensions = extensions;
  }

  @Transactional
  public void addUnit(String problemId, String unitId, String reason, String actorId) {
    String why = reason(reason);
    CaseState problem = openProblem(problemId);
    Group unit = unitId == null ? null : identity.createGroupQuery().groupId(unitId).singleResult();
    if (unit == null || GroupType.parse(unit.getType()).orElse(null) != GroupType.UNIT) {
      throw new RefusedInput(unitId == null || unitId.isBlank() ? "请选择要增加的责任单位（unitId）"
          : "“" + abridged(unitId) + "”不是责任单位（organization.yaml 中没有这个单位）");
    }
    if (register.unit(problemId, unitId) != null) {
      throw new RefusedInput(unit.getName() + "已是（或曾是）问题 " + problemId + " 的责任单位，不能重复增加");
    }
    if (problem.stage() != Stage.UNITS_RECTIFYING) {
      throw new RefusedAtThisStage("问题 " + problemId + " 已进入" + problem.stage().label() + "，不能再增加责任单位");
    }
    runtime.createProcessInstanceModification(problem.processInstanceId())
        .startBeforeActivity(RectificationCaseProcess.UNITS_AT_WORK)
        .setVariableLocal("unitId", unitId)
        .execute();
    @SuppressWarnings("unchecked")
    List<String> units = new ArrayList<>((List<String>) runtime.getVariable(problem.processInstanceId(), RectificationCaseProcess.UNIT_IDS));
    units.add(unitId);
    runtime.setVariable(problem.processInstanceId(), RectificationCaseProcess.UNIT_IDS, units);
    timeline.record(problemId, unitId, Kind.UNIT_ADDED, actors.named(actorId), unit.getName() + "；理由：" + why);
  }

  @Transactional
  public void removeUnit(String problemId, String unitId, String reason, String actorId) {
    String why = reason(reason);
    openProblem(problemId);
    CaseState unit = register.unit(problemId, unitId);
    if (unit == null || unit.status() != CaseStatus.OPEN) {
      throw new RefusedInput("问题 " + problemId + " 没有正在整改的责任单位“" + abridged(unitId) + "”");
    }
    if (unit.stage() != Stage.DRAFT_PLAN || unit.started()) {
      throw new RefusedAtThisStage("该单位已提交过整改方案，整改已经开始，不能撤销；如确需调整，请撤销整个问题或在后续批次中处理");
    }
    if (register.openUnits(problemId).size() == 1) {
      throw new RefusedAtThisStage("这是问题 " + problemId + " 最后一个在整改的责任单位；要撤销整个问题，请使用“撤销问题”");
    }
    List<CaseExtensions.Waiting> waiting = extensions.waiting(List.of(unit.processInstanceId()));
    runtime.createMessageCorrelation(UnitRectificationProcess.MESSAGE_WITHDRAWN)
        .processInstanceId(unit.processInstanceId()).correlate();
    register.endedAs(unit.processInstanceId(), CaseStatus.CANCELLED);
    timeline.record(problemId, unitId, Kind.UNIT_WITHDRAWN, actors.named(actorId), "理由：" + why);
    extensions.lapsedWithCase(waiting, actorId, "该单位已撤销");
  }

  /**
   * A new deadline (end of that day); open rectification tasks get it as their due date, and their reminders follow
   * (the register schedules them again when the due date changes). A unit granted a later deadline (延期申请) keeps it.
   */
  @Transactional
  public void changeDeadline(String problemId, LocalDate deadline, String reason, String actorId) {
    String why = reason(reason);
    CaseState problem = openProblem(problemId);
    if (deadline == null) {
      throw new RefusedInput("请填写新的整改时限（如 2027-06-30）");
    }
    if (deadline.isBefore(deadlines.today())) {
      throw new RefusedInput("新的整改时限 " + deadline + " 已经过去，请选择今天或以后的日期");
    }
    Date end = deadlines.endOf(deadline);
    LocalDate before = deadlines.dayOf((Date) runtime.getVariable(problem.processInstanceId(), RectificationCaseProcess.RECTIFICATION_DEADLINE));
    List<String> instances = new ArrayList<>(List.of(problem.processInstanceId()));
    runtime.createProcessInstanceQuery().superProcessInstanceId(problem.processInstanceId()).list()
        .forEach(unit -> instances.add(unit.getId()));
    // a unit granted more time (延期申请) beyond the new deadline keeps its own
    Map<String, LocalDate> extended = extensions.laterDeadlines(problemId, deadline);
    instances.removeAll(extended.keySet());
    for (String instance : instances) {
      runtime.setVariable(instance, RectificationCaseProcess.RECTIFICATION_DEADLINE, end);
      runtime.setVariable(instance, RectificationCaseProcess.RECTIFICATION_DEADLINE_TEXT, deadline.toString());
    }
    for (Task task : tasks.createTaskQuery().processInstanceIdIn(instances.toArray(String[]::new))
        .taskDefinitionKey(UnitRectificationProcess.TASK_RECTIFY).list()) {
      boolean returned = Boolean.FALSE.equals(runtime.getVariable(task.getProcessInstanceId(), UnitRectificationProcess.RECTIFICATION_ACCEPTED));
      task.setDueDate(returned && task.getDueDate().after(end) ? task.getDueDate() : end);
      saving.save(actorId, task);
    }
    register.deadlineChanged(problemId, deadline);
    extensions.deadlineChanged(problemId, deadline);
    timeline.record(problemId, null, Kind.DEADLINE_CHANGED, actors.named(actorId), before + " → " + deadline + "；理由：" + why);
  }

  @Transactional
  public void withdraw(String problemId, String reason, String actorId) {
    String why = reason(reason);
    List<CaseExtensions.Waiting> waiting = end(problemId, CaseStatus.CANCELLED);
    timeline.record(problemId, null, Kind.PROBLEM_WITHDRAWN, actors.named(actorId), "理由：" + why);
    extensions.lapsedWithCase(waiting, actorId, "问题已撤销");
  }

  /** The problem's unfinished units go on in a later round's case {@code intoProblemId}; this case ends as 已转入. */
  @Transactional
  public List<String> carryOver(String problemId, String intoProblemId, String actorId) {
    List<String> open = register.openUnits(problemId);
    List<CaseExtensions.Waiting> waiting = end(problemId, CaseStatus.CARRIED_OVER);
    timeline.record(problemId, null, Kind.CARRIED_OVER, actors.named(actorId), "未完成的单位（" + String.join("、", open)
        + "）转入问题 " + intoProblemId);
    extensions.lapsedWithCase(waiting, actorId, "该单位的整改已转入问题 " + intoProblemId);
    return open;
  }

  /** Notes on a carried-over case's timeline where it came from. */
  public void noteCarriedFrom(String problemId, String fromProblemId, String actorId) {
    timeline.record(problemId, null, Kind.CARRIED_FROM, actors.named(actorId), "由问题 " + fromProblemId + " 转入");
  }

  /** Ends the problem's case and its open units' cases; the requests that waited in them (they lapse with the cases). */
  private List<CaseExtensions.Waiting> end(String problemId, CaseStatus status) {
    CaseState problem = openProblem(problemId);
    List<String> open = register.openUnits(problemId).stream()
        .map(unitId -> register.unit(problemId, unitId).processInstanceId()).toList();
    List<CaseExtensions.Waiting> waiting = extensions.waiting(open);
    runtime.createMessageCorrelation(RectificationCaseProcess.MESSAGE_WITHDRAWN)
        .processInstanceId(problem.processInstanceId()).correlate();
    register.endedAs(problem.processInstanceId(), status);
    open.forEach(instance -> register.endedAs(instance, status));
    return waiting;
  }

  private CaseState openProblem(String problemId) {
    CaseState problem = register.problem(problemId);
    if (problem == null) {
      throw new RefusedInput("没有编号为 " + problemId + " 的问题");
    }
    if (problem.status() != CaseStatus.OPEN) {
      throw new RefusedAtThisStage("问题 " + problemId + " " + problem.status().label() + "，不能再调整");
    }
    return problem;
  }

  /** An id as sent, quoted back in a refusal at most {@value #ID_SHOWN} characters long. */
  private static String abridged(String id) {
    return id == null || id.length() <= ID_SHOWN ? String.valueOf(id) : id.substring(0, ID_SHOWN) + "…";
  }

  private static String reason(String reason) {
    if (reason == null || !TaskInput.visible(reason)) {
      throw new RefusedInput("请写明调整理由（reason，不超过 " + MAX_REASON + " 个字），理由记入问题的办理记录");
    }
    if (reason.strip().length() > MAX_REASON) {
      throw new RefusedInput("调整理由不能超过 " + MAX_REASON + " 个字");
    }
    return reason.strip();
  }
}
