package cn.zhenggai.rectification.casework;

import static cn.zhenggai.rectification.vocabulary.RectificationCaseProcess.LOOK_BACK_CONFIRMED;
import static cn.zhenggai.rectification.vocabulary.RectificationCaseProcess.REOPEN_DEADLINE;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.EVIDENCE_DESCRIPTION;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.PLAN_APPROVED;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.PLAN_MEASURES;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.PLAN_RESPONSIBLE_PERSON;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.PLAN_TARGET_DATE;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.RECTIFICATION_ACCEPTED;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.RECTIFICATION_DONE;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.RECTIFICATION_RESULTS;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.REVIEW_COMMENT;

import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.evidence.EvidenceUploads;
import cn.zhenggai.rectification.evidence.SampleFiles;
import cn.zhenggai.rectification.security.Viewer;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.Task;

/** Works a case through the Camunda Java API the way its users do: log in, claim, fill the form, complete. */
public class CaseDriver {

  private final TaskService tasks;
  private final IdentityService identity;
  private final EvidenceUploads evidence;

  /**
   * A driver that submits completion reports without an evidence file: for an engine without the application's
   * rules (the benchmark's bare Camunda), or where the refusal is what is tested.
   */
  public CaseDriver(ProcessEngine engine) {
    this(engine, null);
  }

  /** A driver that attaches an evidence file to each completion report, as the secretary does in Tasklist. */
  public CaseDriver(ProcessEngine engine, EvidenceUploads evidence) {
    this.tasks = engine.getTaskService();
    this.identity = engine.getIdentityService();
    this.evidence = evidence;
  }

  /** The open task of a problem's unit (not a review of its request for more time beside it), or null. */
  public Task unitTask(String problemId, String unitId) {
    return tasks.createTaskQuery()
        .processInstanceBusinessKey(UnitRectificationProcess.businessKey(DemoRound.key(problemId), unitId))
        .taskDefinitionKeyIn(UnitRectificationProcess.TASK_DRAFT_PLAN, UnitRectificationProcess.TASK_REVIEW_PLAN,
            UnitRectificationProcess.TASK_RECTIFY, UnitRectificationProcess.TASK_ACCEPT_RECTIFICATION)
        .singleResult();
  }

  /** The supervisors' review of the unit's waiting request for more time (审批延期申请), or null. */
  public Task extensionReview(String problemId, String unitId) {
    return tasks.createTaskQuery()
        .processInstanceBusinessKey(UnitRectificationProcess.businessKey(DemoRound.key(problemId), unitId))
        .taskDefinitionKey(UnitRectificationProcess.TASK_REVIEW_EXTENSION)
        .singleResult();
  }

  public Task closureTask(String problemId) {
    return tasks.createTaskQuery()
        .processDefinitionKey(RectificationCaseProcess.KEY)
        .processInstanceBusinessKey(DemoRound.key(problemId))
        .taskDefinitionKey(RectificationCaseProcess.TASK_CONFIRM_CLOSURE)
        .singleResult();
  }

  /** The open look-back task (回头看) of a problem's unit, or null. */
  public Task lookBackTask(String problemId, String unitId) {
    return lookBackTasks(problemId).stream()
        .filter(task -> unitId.equals(tasks.getVariable(task.getId(), UnitRectificationProcess.UNIT_ID)))
        .findFirst().orElse(null);
  }

  /** The open look-back tasks of a problem, one per unit looked back at. */
  public List<Task> lookBackTasks(String problemId) {
    return tasks.createTaskQuery()
        .processDefinitionKey(RectificationCaseProcess.KEY)
        .processInstanceBusinessKey(DemoRound.key(problemId))
        .taskDefinitionKey(RectificationCaseProcess.TASK_LOOK_BACK)
        .list();
  }

  /** 整改成果巩固. */
  public void confirmLookBack(String problemId, String unitId, String user) {
    completeAs(user, lookBackTask(problemId, unitId), Map.of(LOOK_BACK_CONFIRMED, true));
  }

  /** 复号, with a reason and a new deadline (either may be null, to see it refused). */
  public void reopen(String problemId, String unitId, String user, String reason, String deadline) {
    completeAs(user, lookBackTask(problemId, unitId), reopening(reason, deadline));
  }

  public static Map<String, Object> reopening(String reason, String deadline) {
    Map<String, Object> decision = new HashMap<>();
    decision.put(LOOK_BACK_CONFIRMED, false);
    if (reason != null) {
      decision.put(REVIEW_COMMENT, reason);
    }
    if (deadline != null) {
      decision.put(REOPEN_DEADLINE, deadline);
    }
    return decision;
  }

  public void submitPlan(String problemId, String unitId, String user) {
    completeAs(user, unitTask(problemId, unitId), plan(unitId));
  }

  public void reviewPlan(String problemId, String unitId, String user, boolean approved, String comment) {
    completeAs(user, unitTask(problemId, unitId), decision(PLAN_APPROVED, approved, comment));
  }

  public void submitReport(String problemId, String unitId, String user) {
    if (evidence != null) {
      attachEvidence(problemId, unitId, user);
    }
    completeReport(problemId, unitId, user);
  }

  /** The report's evidence file, uploaded before the report is completed ({@link #completeReport}). */
  public void attachEvidence(String problemId, String unitId, String user) {
    attachEvidence(unitTask(problemId, unitId), unitId, user);
  }

  /** Completes the report without uploading anything first (its evidence is attached already, or not needed). */
  public void completeReport(String problemId, String unitId, String user) {
    completeAs(user, unitTask(problemId, unitId), report(unitId));
  }

  /** Whether this driver uploads evidence files (the application's), or not (bare Camunda's). */
  public boolean uploadsEvidence() {
    return evidence != null;
  }

  /** A one-page PDF of the task's own (a report sent back and redone gets a new one, not the same file twice). */
  public void attachEvidence(Task task, String unitId, String user) {
    if (evidence == null) {
      throw new IllegalStateException("this driver was made without evidence uploads: use new CaseDriver(engine, evidence)");
    }
    if (task == null) {
      throw new AssertionError("no open task for " + user);
    }
    byte[] pdf = SampleFiles.pdf("整改记录 " + task.getId());
    try {
      evidence.upload(task.getId(), new Viewer(user, Set.of(unitId), false), "整改记录.pdf", pdf.length,
          new ByteArrayInputStream(pdf));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void acceptRectification(String problemId, String unitId, String user, boolean accepted, String comment) {
    completeAs(user, unitTask(problemId, unitId), decision(RECTIFICATION_ACCEPTED, accepted, comment));
  }

  public void confirmClosure(String problemId, String user) {
    completeAs(user, closureTask(problemId), Map.of("closureComment", "同意销号"));
  }

  /** Claims and completes the task as the logged-in user, as Tasklist does. */
  public void completeAs(String user, Task task, Map<String, Object> variables) {
    if (task == null) {
      throw new AssertionError("no open task for " + user);
    }
    List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    identity.setAuthentication(user, groups);
    try {
      if (task.getAssignee() == null) {
        tasks.claim(task.getId(), user);
      }
      tasks.complete(task.getId(), variables);
    } finally {
      identity.clearAuthentication();
    }
  }

  public static Map<String, Object> plan(String unitId) {
    Map<String, Object> plan = new HashMap<>();
    plan.put(PLAN_MEASURES, unitId + "：每月开展一次专题学习，书记讲党课");
    plan.put(PLAN_RESPONSIBLE_PERSON, "党工委副书记 王明");
    plan.put(PLAN_TARGET_DATE, "2027-03-31");
    return plan;
  }

  public static Map<String, Object> report(String unitId) {
    Map<String, Object> report = new HashMap<>();
    report.put(RECTIFICATION_DONE, unitId + "：已开展专题学习 4 次");
    report.put(RECTIFICATION_RESULTS, "党员参学率 98%");
    report.put(EVIDENCE_DESCRIPTION, "学习记录 4 份，存党工委办公室");
    return report;
  }

  public static Map<String, Object> decision(String variable, boolean passed, String comment) {
    Map<String, Object> decision = new HashMap<>();
    decision.put(variable, passed);
    if (comment != null) {
      decision.put(REVIEW_COMMENT, comment);
    }
    return decision;
  }
}
