package cn.zhenggai.rectification.casework;

import static cn.zhenggai.rectification.vocabulary.RectificationCaseProcess.CARRIED_FROM;
import static cn.zhenggai.rectification.vocabulary.RectificationCaseProcess.PROBLEM_CATEGORY;
import static cn.zhenggai.rectification.vocabulary.RectificationCaseProcess.PROBLEM_ID;
import static cn.zhenggai.rectification.vocabulary.RectificationCaseProcess.PROBLEM_NUMBER;
import static cn.zhenggai.rectification.vocabulary.RectificationCaseProcess.PROBLEM_SOURCE;
import static cn.zhenggai.rectification.vocabulary.RectificationCaseProcess.PROBLEM_TITLE;
import static cn.zhenggai.rectification.vocabulary.RectificationCaseProcess.RECTIFICATION_DEADLINE;
import static cn.zhenggai.rectification.vocabulary.RectificationCaseProcess.ROUND_CODE;
import static cn.zhenggai.rectification.vocabulary.RectificationCaseProcess.ROUND_NAME;
import static cn.zhenggai.rectification.vocabulary.RectificationCaseProcess.SUPERVISOR_GROUPS;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.UNIT_ID;

import cn.zhenggai.rectification.vocabulary.Card;
import cn.zhenggai.rectification.vocabulary.CaseStatus;
import cn.zhenggai.rectification.vocabulary.EngineClock;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.Stage;
import cn.zhenggai.rectification.vocabulary.StageDeadlines;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Writes the case register (tables {@code case_problem} and {@code case_unit}). Called by engine listeners, so
 * every write joins the engine's transaction: the register never says what the engine did not do.
 */
@Service
public class CaseRegister {

  private final JdbcTemplate jdbc;
  private final StageDeadlines deadlines;

  CaseRegister(JdbcTemplate jdbc, StageDeadlines deadlines) {
    this.jdbc = jdbc;
    this.deadlines = deadlines;
  }

  public boolean hasProblem(String problemId) {
    Integer count = jdbc.queryForObject("select count(*) from case_problem where problem_id = ?", Integer.class, problemId);
    return count != null && count > 0;
  }

  /** How many rounds have cases still open. */
  int roundsInProgress() {
    Integer rounds = jdbc.queryForObject(
        "select count(distinct round_code) from case_problem where status = '" + CaseStatus.OPEN + "'", Integer.class);
    return rounds == null ? 0 : rounds;
  }

  void problemStarted(DelegateExecution execution) {
    jdbc.update(
        "insert into case_problem (problem_id, round_code, round_name, problem_number, carried_from, category, title,"
            + " source_text, supervisor_groups, deadline, process_instance_id, stage, status, started_at)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        execution.getVariable(PROBLEM_ID),
        execution.getVariable(ROUND_CODE),
        execution.getVariable(ROUND_NAME),
        execution.getVariable(PROBLEM_NUMBER),
        execution.getVariable(CARRIED_FROM),
        execution.getVariable(PROBLEM_CATEGORY),
        execution.getVariable(PROBLEM_TITLE),
        execution.getVariable(PROBLEM_SOURCE),
        execution.getVariable(SUPERVISOR_GROUPS),
        deadlines.dayOf((Date) execution.getVariable(RECTIFICATION_DEADLINE)),
        execution.getProcessInstanceId(),
        Stage.UNITS_RECTIFYING.name(),
        CaseStatus.OPEN.name(),
        now());
  }

  void problemEnded(DelegateExecution execution) {
    ended("case_problem", execution, Stage.CLOSED);
  }

  void unitStarted(DelegateExecution execution) {
    String problemId = (String) execution.getVariable(PROBLEM_ID);
    jdbc.update(
        "insert into case_unit (problem_id, round_code, problem_order, unit_id, process_instance_id, stage, status, started_at)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?)",
        problemId,
        ProblemOrder.roundOf(problemId),
        ProblemOrder.of(problemId),
        execution.getVariable(UNIT_ID),
        execution.getProcessInstanceId(),
        Stage.DRAFT_PLAN.name(),
        CaseStatus.OPEN.name(),
        now());
  }

  void unitEnded(DelegateExecution execution) {
    ended("case_unit", execution, Stage.ACCEPTED);
  }

  /** A process that reaches its end event is done; one deleted (by an administrator) is cancelled. */
  private void ended(String table, DelegateExecution execution, Stage done) {
    boolean cancelled = execution.isCanceled();
    jdbc.update(
        "update " + table + " set stage = ?, status = ?, task_id = null, assignee = null, due_at = null, closed_at = ?"
            + " where process_instance_id = ?",
        (cancelled ? Stage.CANCELLED : done).name(),
        (cancelled ? CaseStatus.CANCELLED : CaseStatus.CLOSED).name(),
        now(),
        execution.getProcessInstanceId());
  }

  void taskCreated(DelegateTask task) {
    Stage stage = Stage.ofTask(task.getTaskDefinitionKey()).orElse(null);
    if (stage == null) {
      return;
    }
    jdbc.update(
        "update " + table(task) + " set stage = ?, task_id = ?, assignee = ?, due_at = ?, card = '" + Card.NONE + "'"
            + " where process_instance_id = ?",
        stage.name(),
        task.getId(),
        task.getAssignee(),
        timestamp(task.getDueDate()),
        task.getProcessInstanceId());
  }

  /** Assignment (claim, unclaim, delegate) and due date changes; a due date moved into the future lifts the card. */
  void taskChanged(DelegateTask task) {
    boolean dueAhead = task.getDueDate() != null && task.getDueDate().after(EngineClock.now());
    jdbc.update(
        "update " + table(task) + " set assignee = ?, due_at = ?" + (dueAhead ? ", card = '" + Card.NONE + "'" : "")
            + " where task_id = ?",
        task.getAssignee(),
        timestamp(task.getDueDate()),
        task.getId());
  }

  void taskCompleted(DelegateTask task) {
    boolean late = task.getDueDate() != null && task.getDueDate().before(EngineClock.now());
    jdbc.update(
        "update " + table(task) + " set task_id = null, assignee = null, due_at = null"
            + (late ? ", late_tasks = late_tasks + 1" : "") + " where task_id = ?",
        task.getId());
  }

  /** A supervisor sent the plan (or the report) back: counted once the decision has passed its checks. */
  void returned(DelegateTask task, boolean plan) {
    jdbc.update("update case_unit set " + (plan ? "plan_returns = plan_returns + 1" : "rectification_returns = rectification_returns + 1")
        + ", returns_total = returns_total + 1 where process_instance_id = ?", task.getProcessInstanceId());
  }

  void planSubmitted(DelegateTask task, String measures, String person, java.time.LocalDate target) {
    jdbc.update(
        "update case_unit set plan_measures = ?, responsible_person = ?, plan_target_date = ? where process_instance_id = ?",
        measures, person, target, task.getProcessInstanceId());
  }

  void planApproved(DelegateTask task) {
    jdbc.update("update case_unit set plan_approved_at = ? where process_instance_id = ?", now(), task.getProcessInstanceId());
  }

  void reportSubmitted(DelegateTask task, String report) {
    jdbc.update("update case_unit set progress = ? where process_instance_id = ?",
        report.length() > 4000 ? report.substring(0, 4000) : report, task.getProcessInstanceId());
  }

  /** A problem's case as amendments need it, or null. */
  CaseState problem(String problemId) {
    return jdbc.query("select process_instance_id, stage, status, deadline from case_problem where problem_id = ?",
        (rs, row) -> new CaseState(rs.getString("process_instance_id"), Stage.valueOf(rs.getString("stage")),
            CaseStatus.valueOf(rs.getString("status")), false), problemId).stream().findFirst().orElse(null);
  }

  /** A unit's case as amendments need it, or null; "started" once a plan was ever submitted. */
  CaseState unit(String problemId, String unitId) {
    return jdbc.query("select process_instance_id, stage, status, plan_measures from case_unit where problem_id = ? and unit_id = ?",
        (rs, row) -> new CaseState(rs.getString("process_instance_id"), Stage.valueOf(rs.getString("stage")),
            CaseStatus.valueOf(rs.getString("status")), rs.getString("plan_measures") != null), problemId, unitId)
        .stream().findFirst().orElse(null);
  }

  /** The open unit cases of a problem, by unit id. */
  List<String> openUnits(String problemId) {
    return jdbc.queryForList("select unit_id from case_unit where problem_id = ? and status = ? order by unit_id",
        String.class, problemId, CaseStatus.OPEN.name());
  }

  /** How a withdrawn or carried-over case ended: its process ended by a message, which the end listener took for done. */
  void endedAs(String processInstanceId, CaseStatus status) {
    for (String table : new String[] {"case_problem", "case_unit"}) {
      jdbc.update("update " + table + " set stage = ?, status = ?, task_id = null, assignee = null, due_at = null,"
          + " closed_at = coalesce(closed_at, ?) where process_instance_id = ?",
          (status == CaseStatus.CARRIED_OVER ? Stage.CARRIED_OVER : Stage.CANCELLED).name(), status.name(), now(),
          processInstanceId);
    }
  }

  void deadlineChanged(String problemId, LocalDate deadline) {
    jdbc.update("update case_problem set deadline = ? where problem_id = ?", deadline, problemId);
  }

  record CaseState(String processInstanceId, Stage stage, CaseStatus status, boolean started) {}

  /** A yellow or red card on the item while its current task is overdue; the next task starts without one. */
  public void markCard(DelegateTask task, Card card) {
    jdbc.update("update " + table(task) + " set card = ? where task_id = ?", card.name(), task.getId());
  }

  private static String table(DelegateTask task) {
    return RectificationCaseProcess.TASK_CONFIRM_CLOSURE.equals(task.getTaskDefinitionKey())
        ? "case_problem"
        : "case_unit";
  }

  private static Timestamp now() {
    return EngineClock.timestamp();
  }

  private static Timestamp timestamp(Date date) {
    return date == null ? null : new Timestamp(date.getTime());
  }
}
