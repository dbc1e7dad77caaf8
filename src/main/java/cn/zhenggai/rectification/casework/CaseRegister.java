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
import cn.zhenggai.rectification.vocabulary.DueNotice;
import cn.zhenggai.rectification.vocabulary.EngineClock;
import cn.zhenggai.rectification.vocabulary.LookBackResult;
import cn.zhenggai.rectification.vocabulary.NoticeSchedule;
import cn.zhenggai.rectification.vocabulary.NoticeSchedule.Scheduled;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.Stage;
import cn.zhenggai.rectification.vocabulary.StageDeadlines;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Writes the case register (tables {@code case_problem} and {@code case_unit}). Called by engine listeners, so
 * every write joins the engine's transaction: the register never says what the engine did not do. Each open task's
 * row also keeps its next notice ({@link NoticeSchedule}), set again whenever the due date changes, so the notices
 * follow the task's current due date; the sweep process reads the due ones ({@link #due}) and moves them on
 * ({@link #advance}).
 */
@Service
public class CaseRegister {

  /** An open task whose next notice is due, with what the notice needs; {@code unitId} null for the problem's own task. */
  public record DueTask(String problemId, String title, String supervisorGroups, String unitId, Stage stage,
      String taskId, String assignee, Date dueAt, DueNotice notice, Date noticeAt) {}

  /** Moves a row from the notice the sweep found to its next one (none after the red card), raising a card if any. */
  public record Advance(DueTask from, Scheduled next, Card card) {}

  /** What an accepted unit did, as its look-back shows it; and its own deadline (a reopened unit's new one). */
  record UnitWork(String planMeasures, String responsiblePerson, LocalDate planTargetDate, String report,
      LocalDate deadline) {}

  /** An open task that has no notice scheduled: opened before notices followed the due date, or past its red card. */
  public record Unscheduled(String taskId, Date dueAt) {}

  private static final String[] TABLES = {"case_unit", "case_problem"};

  private final JdbcTemplate jdbc;
  private final StageDeadlines deadlines;
  private final NoticeSchedule schedule;
  private final RowChanges changes;

  CaseRegister(JdbcTemplate jdbc, StageDeadlines deadlines, NoticeSchedule schedule, RowChanges changes) {
    this.jdbc = jdbc;
    this.deadlines = deadlines;
    this.schedule = schedule;
    this.changes = changes;
  }

  public boolean hasProblem(String problemId) {
    changes.flush();
    Integer count = jdbc.queryForObject("select count(*) from case_problem where problem_id = ?", Integer.class, problemId);
    return count != null && count > 0;
  }

  /**
   * Whether cases of more than one round are open: the lowest and highest round code among the open problems differ
   * (with the partial index on the open problems' round code, two index probes instead of reading every problem). Reads
   * only the problems' status: not flushed first, as of the changes a command keeps for later only a closure changes
   * it, and no task is created in the command that closes a problem.
   */
  boolean severalRoundsInProgress() {
    Boolean several = jdbc.queryForObject(
        "select min(round_code) <> max(round_code) from case_problem where status = '" + CaseStatus.OPEN + "'",
        Boolean.class);
    return Boolean.TRUE.equals(several);
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

  /**
   * The problem's case ends: after its look-back found every unit consolidated (it was closed at its closure, which
   * keeps its date), or withdrawn or carried over ({@link #endedAs} follows), or deleted by an administrator. Its
   * retention counts from now ({@code ended_at}).
   */
  void problemEnded(DelegateExecution execution) {
    changes.flush();
    boolean cancelled = execution.isCanceled();
    if (!cancelled) {
      // only a closed problem ends by its look-back; an open one ending here is being withdrawn or carried over
      jdbc.update("update case_problem set look_back_result = ? where process_instance_id = ? and status = ?",
          LookBackResult.CONSOLIDATED.name(), execution.getProcessInstanceId(), CaseStatus.CLOSED.name());
    }
    jdbc.update(
        "update case_problem set stage = ?, status = ?, task_id = null, assignee = null, due_at = null,"
            + " next_notice = null, next_notice_at = null, closed_at = coalesce(closed_at, ?), ended_at = ?"
            + " where process_instance_id = ?",
        (cancelled ? Stage.CANCELLED : Stage.CLOSED).name(),
        (cancelled ? CaseStatus.CANCELLED : CaseStatus.CLOSED).name(),
        now(),
        now(),
        execution.getProcessInstanceId());
  }

  /** 确认问题销号 completed: the problem is closed now, and comes up for its look-back (回头看) then. */
  void problemClosed(DelegateTask task) {
    Map<String, Object> columns = new LinkedHashMap<>();
    columns.put("stage", Stage.CLOSED.name());
    columns.put("status", CaseStatus.CLOSED.name());
    columns.put("closed_at", now());
    columns.put("look_back_due_at", timestamp(deadlines.lookBackDue(task.getExecution())));
    columns.put("look_back_result", null);
    changes.update(instanceRow("case_problem", task.getProcessInstanceId()), columns);
  }

  void unitStarted(DelegateExecution execution) {
    String problemId = (String) execution.getVariable(PROBLEM_ID);
    if (Boolean.TRUE.equals(execution.getVariable(UnitRectificationProcess.REOPENED))) {
      reopened(problemId, (String) execution.getVariable(UNIT_ID), execution.getProcessInstanceId());
      return;
    }
    // the unit's first task is created in the same command: its columns join this insert
    Map<String, Object> columns = new LinkedHashMap<>();
    columns.put("problem_id", problemId);
    columns.put("round_code", ProblemOrder.roundOf(problemId));
    columns.put("problem_order", ProblemOrder.of(problemId));
    columns.put("unit_id", execution.getVariable(UNIT_ID));
    columns.put("process_instance_id", execution.getProcessInstanceId());
    columns.put("stage", Stage.DRAFT_PLAN.name());
    columns.put("status", CaseStatus.OPEN.name());
    columns.put("started_at", now());
    changes.insert(instanceRow("case_unit", execution.getProcessInstanceId()), columns);
  }

  void unitEnded(DelegateExecution execution) {
    ended("case_unit", execution, Stage.ACCEPTED);
  }

  /**
   * A unit reopened at the look-back (复号) rectifies again in a new process: its row (and its problem) is open again
   * and counts the reopening; it is closed again when it is accepted, the problem when its closure is confirmed.
   * Extensions (延期) in the new round: its deadline is the one the look-back gave ({@code deadline}, set by
   * {@link #lookedBack}), so the earlier round's granted date and step no longer describe it and are cleared (延期至
   * empty until the new round is granted more time), nothing waits; {@code extensions} keeps counting over the item's
   * life (延期次数). The limit on requests counts per process, so the new round starts with none made.
   */
  private void reopened(String problemId, String unitId, String processInstanceId) {
    changes.flush();
    jdbc.update(
        "update case_unit set process_instance_id = ?, stage = ?, status = ?, card = '" + Card.NONE + "',"
            + " closed_at = null, reopenings = reopenings + 1, extended_until = null, extended_stage = null,"
            + " extension_pending_until = null where problem_id = ? and unit_id = ?",
        processInstanceId, Stage.RECTIFY.name(), CaseStatus.OPEN.name(), problemId, unitId);
    jdbc.update(
        "update case_problem set stage = ?, status = ?, closed_at = null, ended_at = null, look_back_due_at = null,"
            + " reopenings = reopenings + 1 where problem_id = ?",
        Stage.UNITS_RECTIFYING.name(), CaseStatus.OPEN.name(), problemId);
  }

  /** The accepted units of a problem not yet found consolidated at a look-back, by unit id. */
  List<String> unitsToLookBackAt(String problemId) {
    changes.flush();
    return jdbc.queryForList(
        "select unit_id from case_unit where problem_id = ? and status = ? and stage = ?"
            + " and (look_back_result is null or look_back_result <> ?) order by unit_id",
        String.class, problemId, CaseStatus.CLOSED.name(), Stage.ACCEPTED.name(), LookBackResult.CONSOLIDATED.name());
  }

  /** The units reopened at the look-back whose rectification has not started again yet, by unit id. */
  List<String> reopenedUnits(String problemId) {
    changes.flush();
    return jdbc.queryForList(
        "select unit_id from case_unit where problem_id = ? and status = ? and look_back_result = ? order by unit_id",
        String.class, problemId, CaseStatus.CLOSED.name(), LookBackResult.REOPENED.name());
  }

  /**
   * A supervisor looked back at a unit: consolidated ({@code reopenDeadline} null), or reopened with its new deadline
   * (the problem's look-back result is then 复号 too).
   */
  void lookedBack(String problemId, String unitId, LocalDate reopenDeadline) {
    changes.flush();
    LookBackResult result = reopenDeadline == null ? LookBackResult.CONSOLIDATED : LookBackResult.REOPENED;
    jdbc.update(
        "update case_unit set stage = ?, look_back_result = ?, look_back_at = ?, deadline = coalesce(?, deadline)"
            + " where problem_id = ? and unit_id = ?",
        Stage.ACCEPTED.name(), result.name(), now(), reopenDeadline, problemId, unitId);
    if (result == LookBackResult.REOPENED) {
      jdbc.update("update case_problem set look_back_result = ? where problem_id = ?", result.name(), problemId);
    }
  }

  UnitWork work(String problemId, String unitId) {
    changes.flush();
    return jdbc.queryForObject(
        "select plan_measures, responsible_person, plan_target_date, progress, deadline from case_unit"
            + " where problem_id = ? and unit_id = ?",
        (rs, row) -> new UnitWork(rs.getString("plan_measures"), rs.getString("responsible_person"),
            localDate(rs.getDate("plan_target_date")), rs.getString("progress"), localDate(rs.getDate("deadline"))),
        problemId, unitId);
  }

  /** A process that reaches its end event is done; one deleted (by an administrator) is cancelled. */
  private void ended(String table, DelegateExecution execution, Stage done) {
    boolean cancelled = execution.isCanceled();
    Map<String, Object> columns = new LinkedHashMap<>();
    columns.put("stage", (cancelled ? Stage.CANCELLED : done).name());
    columns.put("status", (cancelled ? CaseStatus.CANCELLED : CaseStatus.CLOSED).name());
    withoutTask(columns);
    columns.put("closed_at", now());
    changes.update(instanceRow(table, execution.getProcessInstanceId()), columns);
  }

  void taskCreated(DelegateTask task) {
    Stage stage = Stage.ofTask(task.getTaskDefinitionKey()).orElse(null);
    if (stage == null) {
      return;
    }
    Scheduled first = schedule.first(task.getDueDate()).orElse(null);
    if (stage == Stage.LOOK_BACK) {
      lookBackTaskCreated(task, first);
      return;
    }
    Map<String, Object> columns = new LinkedHashMap<>();
    columns.put("stage", stage.name());
    columns.put("task_id", task.getId());
    columns.put("assignee", task.getAssignee());
    columns.put("due_at", timestamp(task.getDueDate()));
    columns.put("card", Card.NONE.name());
    columns.put("next_notice", first == null ? null : first.notice().name());
    columns.put("next_notice_at", first == null ? null : timestamp(first.at()));
    changes.update(instanceRow(table(task), task.getProcessInstanceId()), columns);
  }

  /**
   * A look-back task is the case's, about one unit: it goes on that unit's row, so the sweep reminds the supervisors
   * of it like any task; from then on the row follows it by its task id.
   */
  private void lookBackTaskCreated(DelegateTask task, Scheduled first) {
    changes.flush();
    String problemId = (String) task.getVariable(PROBLEM_ID);
    jdbc.update(
        "update case_unit set stage = ?, task_id = ?, assignee = ?, due_at = ?, card = '" + Card.NONE + "',"
            + " next_notice = ?, next_notice_at = ?, look_back_result = ? where problem_id = ? and unit_id = ?",
        Stage.LOOK_BACK.name(),
        task.getId(),
        task.getAssignee(),
        timestamp(task.getDueDate()),
        first == null ? null : first.notice().name(),
        first == null ? null : timestamp(first.at()),
        LookBackResult.PENDING.name(),
        problemId,
        task.getVariable(UNIT_ID));
    jdbc.update("update case_problem set look_back_result = ? where problem_id = ?", LookBackResult.PENDING.name(),
        problemId);
  }

  /**
   * Assignment (claim, unclaim, delegate) and due date changes. A due date moved into the future lifts the card; a
   * changed due date starts the notices again from the first one counted from it (in the same statement, comparing
   * with the due date the row had).
   */
  void taskChanged(DelegateTask task) {
    RowChanges.Row row = taskRow(task);
    if (row == null) {
      return;
    }
    boolean dueAhead = task.getDueDate() != null && task.getDueDate().after(EngineClock.now());
    Timestamp due = timestamp(task.getDueDate());
    Scheduled first = schedule.first(task.getDueDate()).orElse(null);
    String notice = first == null ? null : first.notice().name();
    Timestamp noticeAt = first == null ? null : timestamp(first.at());
    Map<String, Object> columns = new LinkedHashMap<>();
    columns.put("assignee", task.getAssignee());
    columns.put("due_at", due);
    if (dueAhead) {
      columns.put("card", Card.NONE.name());
    }
    RowChanges.Waiting dueBefore = changes.waiting(row, "due_at");
    if (dueBefore == null) {
      // the notices move only with the due date, compared with the row's
      columns.put("next_notice", new RowChanges.Expression("case when due_at is distinct from ? then ? else next_notice end",
          Set.of("due_at", "next_notice"), Arrays.asList(due, notice)));
      columns.put("next_notice_at", new RowChanges.Expression(
          "case when due_at is distinct from ? then ? else next_notice_at end", Set.of("due_at", "next_notice_at"),
          Arrays.asList(due, noticeAt)));
    } else if (!Objects.equals(dueBefore.value(), due)) {
      columns.put("next_notice", notice);
      columns.put("next_notice_at", noticeAt);
    }
    changes.update(row, columns);
  }

  void taskCompleted(DelegateTask task) {
    RowChanges.Row row = taskRow(task);
    if (row == null) {
      return;
    }
    boolean late = task.getDueDate() != null && task.getDueDate().before(EngineClock.now());
    Map<String, Object> columns = new LinkedHashMap<>();
    withoutTask(columns);
    if (late) {
      columns.put("late_tasks", new RowChanges.Expression("late_tasks + 1", Set.of("late_tasks"), List.of()));
    }
    changes.update(row, columns);
  }

  /**
   * The row of a task of a case: the row of its process for the steps of a unit and the problem's closure (the row
   * holds the task while it is open), else the row holding the task (a look-back is the case's, about one unit); null
   * for a task the register does not follow (a request for more time), which no row holds.
   */
  private static RowChanges.Row taskRow(DelegateTask task) {
    Stage stage = Stage.ofTask(task.getTaskDefinitionKey()).orElse(null);
    if (stage == null) {
      return null;
    }
    return stage == Stage.LOOK_BACK
        ? new RowChanges.Row(table(task), "task_id", task.getId())
        : instanceRow(table(task), task.getProcessInstanceId());
  }

  private static RowChanges.Row instanceRow(String table, String processInstanceId) {
    return new RowChanges.Row(table, "process_instance_id", processInstanceId);
  }

  /** The columns of an open task, cleared: the row holds none. */
  private static void withoutTask(Map<String, Object> columns) {
    for (String column : new String[] {"task_id", "assignee", "due_at", "next_notice", "next_notice_at"}) {
      columns.put(column, null);
    }
  }

  /** Open tasks (units' first, then problems') whose next notice is this one and due by {@code now}, earliest first. */
  public List<DueTask> due(DueNotice notice, Date now, int limit) {
    changes.flush();
    List<DueTask> due = new ArrayList<>(jdbc.query(
        "select u.problem_id, p.title, p.supervisor_groups, u.unit_id, u.stage, u.task_id, u.assignee, u.due_at,"
            + " u.next_notice, u.next_notice_at from case_unit u join case_problem p on p.problem_id = u.problem_id"
            + " where u.next_notice = ? and u.next_notice_at <= ? order by u.next_notice_at limit ?",
        CaseRegister::dueTask, notice.name(), timestamp(now), limit));
    if (due.size() < limit) {
      due.addAll(jdbc.query(
          "select problem_id, title, supervisor_groups, null as unit_id, stage, task_id, assignee, due_at, next_notice,"
              + " next_notice_at from case_problem where next_notice = ? and next_notice_at <= ?"
              + " order by next_notice_at limit ?",
          CaseRegister::dueTask, notice.name(), timestamp(now), limit - due.size()));
    }
    return due;
  }

  /**
   * Moves each row on, only if it still has the notice the sweep found (compare and set): true where this sweep won
   * the row; false where the task ended, its due date moved or another sweep was first meanwhile.
   */
  public boolean[] advance(List<Advance> advances) {
    changes.flush();
    boolean[] won = new boolean[advances.size()];
    for (String table : TABLES) {
      List<Integer> positions = new ArrayList<>();
      List<Object[]> rows = new ArrayList<>();
      for (int i = 0; i < advances.size(); i++) {
        Advance advance = advances.get(i);
        DueTask from = advance.from();
        if ((from.unitId() == null) == table.equals("case_problem")) {
          positions.add(i);
          rows.add(new Object[] {
              advance.next() == null ? null : advance.next().notice().name(),
              advance.next() == null ? null : timestamp(advance.next().at()),
              advance.card() == null ? null : advance.card().name(),
              from.taskId(), from.notice().name(), timestamp(from.noticeAt())});
        }
      }
      if (rows.isEmpty()) {
        continue;
      }
      int[] counts = jdbc.batchUpdate(
          "update " + table + " set next_notice = ?, next_notice_at = ?, card = coalesce(?, card)"
              + " where task_id = ? and next_notice = ? and next_notice_at = ?", rows);
      for (int i = 0; i < counts.length; i++) {
        won[positions.get(i)] = counts[i] == 1;
      }
    }
    return won;
  }

  /** Open tasks with a due date but no notice scheduled. */
  public List<Unscheduled> unscheduled() {
    changes.flush();
    List<Unscheduled> rows = new ArrayList<>();
    for (String table : TABLES) {
      rows.addAll(jdbc.query("select task_id, due_at from " + table + " where task_id is not null and due_at is not null"
          + " and next_notice is null", (rs, row) -> new Unscheduled(rs.getString("task_id"), rs.getTimestamp("due_at"))));
    }
    return rows;
  }

  /** Schedules a task's next notice (the upgrade's backfill); only where none is scheduled. */
  public void schedule(List<Unscheduled> tasks, List<Scheduled> next) {
    changes.flush();
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      rows.add(new Object[] {next.get(i).notice().name(), timestamp(next.get(i).at()), tasks.get(i).taskId()});
    }
    for (String table : TABLES) {
      jdbc.batchUpdate("update " + table + " set next_notice = ?, next_notice_at = ? where task_id = ? and next_notice is null",
          rows);
    }
  }

  private static DueTask dueTask(ResultSet rs, int row) throws SQLException {
    return new DueTask(rs.getString("problem_id"), rs.getString("title"), rs.getString("supervisor_groups"),
        rs.getString("unit_id"), Stage.valueOf(rs.getString("stage")), rs.getString("task_id"), rs.getString("assignee"),
        rs.getTimestamp("due_at"), DueNotice.valueOf(rs.getString("next_notice")), rs.getTimestamp("next_notice_at"));
  }

  /** A supervisor sent the plan (or the report) back: counted once the decision has passed its checks. */
  void returned(DelegateTask task, boolean plan) {
    changes.flush();
    jdbc.update("update case_unit set " + (plan ? "plan_returns = plan_returns + 1" : "rectification_returns = rectification_returns + 1")
        + ", returns_total = returns_total + 1 where process_instance_id = ?", task.getProcessInstanceId());
  }

  void planSubmitted(DelegateTask task, String measures, String person, java.time.LocalDate target) {
    Map<String, Object> columns = new LinkedHashMap<>();
    columns.put("plan_measures", measures);
    columns.put("responsible_person", person);
    columns.put("plan_target_date", target);
    changes.update(instanceRow("case_unit", task.getProcessInstanceId()), columns);
  }

  void planApproved(DelegateTask task) {
    changes.update(instanceRow("case_unit", task.getProcessInstanceId()), Map.of("plan_approved_at", now()));
  }

  void reportSubmitted(DelegateTask task, String report) {
    changes.update(instanceRow("case_unit", task.getProcessInstanceId()),
        Map.of("progress", report.length() > 4000 ? report.substring(0, 4000) : report));
  }

  /** A problem's case as amendments need it, or null. */
  CaseState problem(String problemId) {
    changes.flush();
    return jdbc.query("select process_instance_id, stage, status, deadline from case_problem where problem_id = ?",
        (rs, row) -> new CaseState(rs.getString("process_instance_id"), Stage.valueOf(rs.getString("stage")),
            CaseStatus.valueOf(rs.getString("status")), false), problemId).stream().findFirst().orElse(null);
  }

  /** A unit's case as amendments need it, or null; "started" once a plan was ever submitted. */
  CaseState unit(String problemId, String unitId) {
    changes.flush();
    return jdbc.query("select process_instance_id, stage, status, plan_measures from case_unit where problem_id = ? and unit_id = ?",
        (rs, row) -> new CaseState(rs.getString("process_instance_id"), Stage.valueOf(rs.getString("stage")),
            CaseStatus.valueOf(rs.getString("status")), rs.getString("plan_measures") != null), problemId, unitId)
        .stream().findFirst().orElse(null);
  }

  /** The open unit cases of a problem, by unit id. */
  List<String> openUnits(String problemId) {
    changes.flush();
    return jdbc.queryForList("select unit_id from case_unit where problem_id = ? and status = ? order by unit_id",
        String.class, problemId, CaseStatus.OPEN.name());
  }

  /** How a withdrawn or carried-over case ended: its process ended by a message, which the end listener took for done. */
  void endedAs(String processInstanceId, CaseStatus status) {
    changes.flush();
    for (String table : new String[] {"case_problem", "case_unit"}) {
      jdbc.update("update " + table + " set stage = ?, status = ?, task_id = null, assignee = null, due_at = null,"
          + " next_notice = null, next_notice_at = null, closed_at = coalesce(closed_at, ?) where process_instance_id = ?",
          (status == CaseStatus.CARRIED_OVER ? Stage.CARRIED_OVER : Stage.CANCELLED).name(), status.name(), now(),
          processInstanceId);
    }
  }

  void deadlineChanged(String problemId, LocalDate deadline) {
    changes.flush();
    jdbc.update("update case_problem set deadline = ? where problem_id = ?", deadline, problemId);
  }

  record CaseState(String processInstanceId, Stage stage, CaseStatus status, boolean started) {}

  private static String table(DelegateTask task) {
    return RectificationCaseProcess.TASK_CONFIRM_CLOSURE.equals(task.getTaskDefinitionKey())
        ? "case_problem"
        : "case_unit";
  }

  private static Timestamp now() {
    return EngineClock.timestamp();
  }

  /** A timestamp read from the register is passed back as it is: the sweep's compare-and-set needs its microseconds. */
  private static Timestamp timestamp(Date date) {
    return date == null ? null : date instanceof Timestamp read ? read : new Timestamp(date.getTime());
  }

  private static LocalDate localDate(java.sql.Date date) {
    return date == null ? null : date.toLocalDate();
  }
}
