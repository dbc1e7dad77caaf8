package cn.zhenggai.rectification.casework;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Whether the case register (case_problem, case_unit) says what the engine says: every open case's register row names
 * the engine's open task and its stage, every case without a task is finished in both.
 */
public final class RegisterAgreement {

  private RegisterAgreement() {}

  /** The disagreements, one line each; empty when the register and the engine agree. */
  public static List<String> disagreements(JdbcTemplate jdbc) {
    List<String> found = new ArrayList<>();
    check(jdbc, "case_unit", "problem_id || '/' || unit_id", found);
    check(jdbc, "case_problem", "problem_id", found);
    return found;
  }

  private static void check(JdbcTemplate jdbc, String table, String caseName, List<String> found) {
    List<Map<String, Object>> rows = jdbc.queryForList(
        "select " + caseName + " as case_name, r.stage, r.status, r.task_id, t.id_ as engine_task, t.task_def_key_,"
            + " (select count(*) from act_ru_execution e where e.proc_inst_id_ = r.process_instance_id) as executions"
            + " from " + table + " r left join act_ru_task t on t.proc_inst_id_ = r.process_instance_id");
    for (Map<String, Object> row : rows) {
      String name = table + " " + row.get("case_name");
      Object engineTask = row.get("engine_task");
      boolean running = ((Number) row.get("executions")).longValue() > 0;
      if (engineTask != null) {
        String stage = Stage.ofTask((String) row.get("task_def_key_")).map(Stage::name).orElse("?");
        if (!engineTask.equals(row.get("task_id")) || !stage.equals(row.get("stage"))) {
          found.add(name + ": register " + row.get("stage") + "/" + row.get("task_id") + ", engine " + stage + "/" + engineTask);
        }
      } else if (!running && "OPEN".equals(row.get("status"))) {
        found.add(name + ": ended in the engine, open in the register (" + row.get("stage") + ")");
      } else if (running && row.get("task_id") != null) {
        found.add(name + ": register names task " + row.get("task_id") + ", the engine has none");
      }
    }
  }
}
