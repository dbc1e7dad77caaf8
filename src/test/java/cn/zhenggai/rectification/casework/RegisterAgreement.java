package cn.zhenggai.rectification.casework;

import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.Stage;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Compares the case register ({@code case_problem}, {@code case_unit}) with the engine's own tables, row by row: an
 * open item is at the stage of its process instance's one open task (same task id and assignee), a closed one has an
 * ended process instance that reached its end event, and there is one register row per process instance. A closed
 * problem's case goes on until its look-back (回头看): it waits for it, or holds one look-back task per unit, each on
 * its unit's row; a request for more time (审批延期申请) waits beside the unit's own task and is no stage of it.
 */
public final class RegisterAgreement {

  public record Result(int unitsChecked, int problemsChecked, List<String> mismatches) {
    public boolean agrees() {
      return mismatches.isEmpty();
    }
  }

  private record EngineTask(String id, String key, String assignee) {}

  private record Instance(String definitionKey, boolean ended, String endActivity) {}

  private final JdbcTemplate jdbc;

  public RegisterAgreement(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Result check() {
    Map<String, List<EngineTask>> openTasks = new HashMap<>();
    Map<String, EngineTask> lookBackTasks = new HashMap<>();
    jdbc.query("select id_, proc_inst_id_, task_def_key_, assignee_ from act_ru_task", row -> {
      EngineTask task = new EngineTask(row.getString("id_"), row.getString("task_def_key_"), row.getString("assignee_"));
      if (Stage.ofTask(task.key()).isPresent()) {
        openTasks.computeIfAbsent(row.getString("proc_inst_id_"), id -> new ArrayList<>()).add(task);
      }
      if (task.key().equals(RectificationCaseProcess.TASK_LOOK_BACK)) {
        lookBackTasks.put(task.id(), task);
      }
    });
    Map<String, Instance> instances = new HashMap<>();
    jdbc.query("select proc_inst_id_, proc_def_key_, end_time_, end_act_id_ from act_hi_procinst", row -> {
      instances.put(row.getString("proc_inst_id_"),
          new Instance(row.getString("proc_def_key_"), row.getTimestamp("end_time_") != null, row.getString("end_act_id_")));
    });
    Map<String, Boolean> runningInstances = new HashMap<>();
    jdbc.query("select distinct proc_inst_id_ from act_ru_execution", row -> {
      runningInstances.put(row.getString("proc_inst_id_"), true);
    });

    List<String> mismatches = new ArrayList<>();
    Map<String, Integer> openUnitsOfProblem = new HashMap<>();
    List<Map<String, Object>> units = jdbc.queryForList(
        "select problem_id, unit_id, process_instance_id, stage, status, task_id, assignee from case_unit");
    for (Map<String, Object> unit : units) {
      String name = "unit " + unit.get("problem_id") + "/" + unit.get("unit_id");
      if (!"CLOSED".equals(unit.get("status"))) {
        openUnitsOfProblem.merge((String) unit.get("problem_id"), 1, Integer::sum);
      }
      if ("CLOSED".equals(unit.get("status")) && Stage.LOOK_BACK.name().equals(unit.get("stage"))) {
        // accepted, and now looked back at by a task of the problem's case
        Instance instance = instances.get((String) unit.get("process_instance_id"));
        if (instance == null || !"EndEvent_UnitAccepted".equals(instance.endActivity())) {
          mismatches.add(name + ": looked back at in the register, but the engine's unit process did not end accepted");
        }
        EngineTask lookBack = lookBackTasks.get((String) unit.get("task_id"));
        if (lookBack == null) {
          mismatches.add(name + ": looked back at in the register, but task " + unit.get("task_id") + " is no open look-back");
        } else {
          expect(mismatches, name, "assignee", lookBack.assignee(), unit.get("assignee"));
        }
      } else {
        compare(name, unit, "ACCEPTED", "EndEvent_UnitAccepted", openTasks, instances, runningInstances, mismatches);
      }
    }

    List<Map<String, Object>> problems = jdbc.queryForList(
        "select problem_id, process_instance_id, stage, status, task_id, assignee, look_back_due_at from case_problem");
    for (Map<String, Object> problem : problems) {
      String problemId = (String) problem.get("problem_id");
      String name = "problem " + problemId;
      int openUnits = openUnitsOfProblem.getOrDefault(problemId, 0);
      List<EngineTask> tasks = openTasks.getOrDefault((String) problem.get("process_instance_id"), List.of());
      if ("OPEN".equals(problem.get("status")) && tasks.isEmpty()) {
        // units still at work: no task of the case itself, and not all units accepted (the join has run)
        expect(mismatches, name, "stage", "UNITS_RECTIFYING", problem.get("stage"));
        Instance instance = instances.get((String) problem.get("process_instance_id"));
        if (instance == null || instance.ended()) {
          mismatches.add(name + ": open in the register, but the engine's instance is " + (instance == null ? "unknown" : "ended"));
        } else if (openUnits == 0) {
          mismatches.add(name + ": every unit is accepted but there is no closure task");
        }
      } else if ("CLOSED".equals(problem.get("status"))) {
        closedProblem(name, problem, tasks, instances.get((String) problem.get("process_instance_id")), mismatches);
      } else {
        compare(name, problem, "CLOSED", "EndEvent_RectificationConsolidated", openTasks, instances, runningInstances,
            mismatches);
        if (openUnits > 0) {
          mismatches.add(name + ": at stage " + problem.get("stage") + " with " + openUnits + " unit(s) not accepted");
        }
      }
    }

    for (String processKey : List.of(UnitRectificationProcess.KEY, RectificationCaseProcess.KEY)) {
      long engine = instances.values().stream().filter(i -> i.definitionKey().equals(processKey)).count();
      long register = processKey.equals(UnitRectificationProcess.KEY) ? units.size() : problems.size();
      if (engine != register) {
        mismatches.add(processKey + ": " + engine + " process instances in the engine, " + register + " rows in the register");
      }
    }
    return new Result(units.size(), problems.size(), mismatches);
  }

  /**
   * A closed problem (销号): its case waits for the look-back, holds its look-back tasks, or ended with the units'
   * work found consolidated.
   */
  private static void closedProblem(String name, Map<String, Object> row, List<EngineTask> tasks, Instance instance,
      List<String> mismatches) {
    expect(mismatches, name, "stage", Stage.CLOSED.name(), row.get("stage"));
    if (instance == null) {
      mismatches.add(name + ": process instance " + row.get("process_instance_id") + " unknown to the engine");
    } else if (instance.ended()) {
      if (!"EndEvent_RectificationConsolidated".equals(instance.endActivity())) {
        mismatches.add(name + ": closed in the register, but the engine's instance ended at " + instance.endActivity());
      }
    } else if (row.get("look_back_due_at") == null
        || tasks.stream().anyMatch(task -> !task.key().equals(RectificationCaseProcess.TASK_LOOK_BACK))) {
      mismatches.add(name + ": closed in the register, but the engine's case is still at work ("
          + tasks.stream().map(EngineTask::key).toList() + ")");
    }
  }

  /** An open row against its instance's one open task; a closed row against its ended instance. */
  private static void compare(String name, Map<String, Object> row, String endStage, String endEvent,
      Map<String, List<EngineTask>> openTasks, Map<String, Instance> instances, Map<String, Boolean> running,
      List<String> mismatches) {
    String instanceId = (String) row.get("process_instance_id");
    List<EngineTask> tasks = openTasks.getOrDefault(instanceId, List.of());
    Instance instance = instances.get(instanceId);
    if (instance == null) {
      mismatches.add(name + ": process instance " + instanceId + " unknown to the engine");
      return;
    }
    if ("OPEN".equals(row.get("status"))) {
      if (instance.ended() || tasks.size() != 1) {
        mismatches.add(name + ": open in the register, engine has " + tasks.size() + " open task(s)"
            + (instance.ended() ? " and the instance ended" : ""));
        return;
      }
      EngineTask task = tasks.get(0);
      expect(mismatches, name, "stage", Stage.ofTask(task.key()).map(Stage::name).orElse(null), row.get("stage"));
      expect(mismatches, name, "task_id", task.id(), row.get("task_id"));
      expect(mismatches, name, "assignee", task.assignee(), row.get("assignee"));
    } else if ("CLOSED".equals(row.get("status"))) {
      if (!instance.ended() || running.containsKey(instanceId) || !tasks.isEmpty()) {
        mismatches.add(name + ": closed in the register, but the engine's instance is still running");
        return;
      }
      expect(mismatches, name, "stage", endStage, row.get("stage"));
      if (!endEvent.equals(instance.endActivity())) {
        mismatches.add(name + ": closed in the register, but the engine's instance ended at " + instance.endActivity());
      }
    } else {
      mismatches.add(name + ": unexpected status " + row.get("status"));
    }
  }

  private static void expect(List<String> mismatches, String name, String what, Object engine, Object register) {
    if (!Objects.equals(engine, register)) {
      mismatches.add(name + ": " + what + " is " + register + " in the register, " + engine + " in the engine");
    }
  }
}
