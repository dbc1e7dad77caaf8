package cn.zhenggai.rectification.casework;

import cn.zhenggai.rectification.casework.CaseTimeline.Kind;
import cn.zhenggai.rectification.vocabulary.Stage;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The register's and the timeline's share of requests for more time (延期申请): {@code case_unit.extension_pending_until}
 * while a request waits; once granted, {@code extended_until}, {@code extended_stage}, {@code extensions} and, for
 * 落实整改, the unit's own {@code deadline} (the problem's stays the original one). Each step is also an entry of the
 * unit's timeline, and the history its forms show follows.
 */
@Service
public class CaseExtensions {

  /** A timeline entry's actor: a person's id, or null for what the application did itself. */
  public record Step(String processInstanceId, String problemId, String unitId, String actorId, String detail) {}

  /** A request waiting in a unit's case, as the register shows it: the date it asks for. */
  record Waiting(String processInstanceId, String problemId, String unitId, LocalDate until) {}

  private final NamedParameterJdbcTemplate jdbc;
  private final CaseTimeline timeline;
  private final TaskActor actors;
  private final RuntimeService runtime;
  private final RowChanges changes;

  CaseExtensions(NamedParameterJdbcTemplate jdbc, CaseTimeline timeline, TaskActor actors, @Lazy RuntimeService runtime,
      RowChanges changes) {
    this.jdbc = jdbc;
    this.changes = changes;
    this.timeline = timeline;
    this.actors = actors;
    this.runtime = runtime;
  }

  public void requested(Step step, LocalDate until) {
    pending(step.processInstanceId(), until);
    record(step, Kind.EXTENSION_REQUESTED);
  }

  public void refused(Step step) {
    pending(step.processInstanceId(), null);
    record(step, Kind.EXTENSION_REFUSED);
  }

  public void lapsed(Step step) {
    pending(step.processInstanceId(), null);
    record(step, Kind.EXTENSION_LAPSED);
  }

  /** The waiting request of a unit case that has ended lapsed with it (its review task went away undecided). */
  public void noLongerPending(String processInstanceId) {
    pending(processInstanceId, null);
  }

  /** The requests waiting in these unit cases, read before an amendment ends them. */
  List<Waiting> waiting(Collection<String> processInstanceIds) {
    changes.flush(); // what this engine command changed in the register comes first
    if (processInstanceIds.isEmpty()) {
      return List.of();
    }
    return jdbc.query("select process_instance_id, problem_id, unit_id, extension_pending_until from case_unit"
            + " where process_instance_id in (:instances) and extension_pending_until is not null order by unit_id",
        Map.of("instances", processInstanceIds),
        (rs, row) -> new Waiting(rs.getString("process_instance_id"), rs.getString("problem_id"), rs.getString("unit_id"),
            rs.getDate("extension_pending_until").toLocalDate()));
  }

  /**
   * An amendment ended these unit cases while their requests waited: each lapsed (the review task's delete listener
   * marked the request), and the timeline says who ended the case and why. The case's forms are gone, so their
   * history is not refreshed.
   */
  void lapsedWithCase(List<Waiting> waiting, String actorId, String cause) {
    for (Waiting request : waiting) {
      pending(request.processInstanceId(), null);
      timeline.record(request.problemId(), request.unitId(), Kind.EXTENSION_LAPSED, actors.named(actorId),
          cause + "，等待审批的延期申请（延期至 " + request.until() + "）随之失效");
    }
  }

  /** The task's due date has been moved already (its update listener rescheduled the notices). */
  public void granted(Step step, Stage stage, java.util.Date until, LocalDate day) {
    changes.flush();
    jdbc.update("update case_unit set extension_pending_until = null, extended_until = :until, extended_stage = :stage,"
            + " extensions = extensions + 1" + (stage == Stage.RECTIFY ? ", deadline = :day" : "")
            + " where process_instance_id = :instance",
        Map.of("until", new Timestamp(until.getTime()), "stage", stage.name(), "day", Date.valueOf(day),
            "instance", step.processInstanceId()));
    record(step, Kind.EXTENSION_APPROVED);
  }

  /** A person as the forms and pages name them (first name, title), for a request's history; null for no one. */
  public String nameOf(String userId) {
    return userId == null ? null : actors.named(userId).name();
  }

  /** The unit cases of a problem whose own deadline (a granted extension) is later than this one: instance → deadline. */
  public Map<String, LocalDate> laterDeadlines(String problemId, LocalDate deadline) {
    changes.flush();
    Map<String, LocalDate> later = new HashMap<>();
    jdbc.query("select process_instance_id, deadline from case_unit where problem_id = :problem and deadline > :deadline",
        Map.of("problem", problemId, "deadline", Date.valueOf(deadline)),
        rs -> {
          later.put(rs.getString("process_instance_id"), rs.getDate("deadline").toLocalDate());
        });
    return later;
  }

  /** A new deadline of the problem: a unit's own deadline no later than it gives way to it. */
  void deadlineChanged(String problemId, LocalDate deadline) {
    changes.flush();
    jdbc.update("update case_unit set deadline = null where problem_id = :problem and deadline <= :deadline",
        Map.of("problem", problemId, "deadline", Date.valueOf(deadline)));
  }

  /** The problem's own deadline, which an extension never moves: the original 整改时限. */
  public LocalDate problemDeadline(String problemId) {
    changes.flush();
    return jdbc.query("select deadline from case_problem where problem_id = :problem", Map.of("problem", problemId),
        (rs, row) -> rs.getDate("deadline").toLocalDate()).stream().findFirst().orElse(null);
  }

  /** The date a request asks for, by task, for the open tasks among these that have one waiting. */
  public Map<String, LocalDate> pendingUntil(Collection<String> taskIds) {
    changes.flush();
    Map<String, LocalDate> pending = new HashMap<>();
    if (taskIds.isEmpty()) {
      return pending;
    }
    jdbc.query("select task_id, extension_pending_until from case_unit where task_id in (:tasks)"
            + " and extension_pending_until is not null", Map.of("tasks", taskIds),
        rs -> {
          pending.put(rs.getString("task_id"), rs.getDate("extension_pending_until").toLocalDate());
        });
    return pending;
  }

  private void pending(String processInstanceId, LocalDate until) {
    changes.flush();
    jdbc.update("update case_unit set extension_pending_until = :until where process_instance_id = :instance",
        new MapSqlParameterSource("until", until == null ? null : Date.valueOf(until))
            .addValue("instance", processInstanceId));
  }

  private void record(Step step, Kind kind) {
    timeline.record(step.problemId(), step.unitId(), kind, actors.named(step.actorId()), step.detail());
    runtime.setVariable(step.processInstanceId(), UnitRectificationProcess.CASE_HISTORY,
        timeline.history(step.problemId(), step.unitId()));
  }
}
