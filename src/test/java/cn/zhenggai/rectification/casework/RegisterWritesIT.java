package cn.zhenggai.rectification.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.problem.Problem;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What one engine command writes into the register: each changed row once, however many of the task's events changed
 * it (a claim fires two, a completion ends one task and creates the next); nothing from a command that fails. Counted
 * by PostgreSQL for the transaction the command runs in ({@code pg_stat_xact_user_tables}).
 */
class RegisterWritesIT extends PostgresApplicationTest {

  private static final String UNIT = "street-chengguan";

  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transactions;
  @Autowired CaseStarter starter;

  @Test
  void aClaimUpdatesTheUnitsRowOnceAndIsOneAuditRow() {
    Task draft = task("4.1");

    Map<String, Long> written = inOneTransaction(() -> claim(draft, "sec-chengguan"));

    assertThat(written).containsEntry("case_unit updated", 1L).containsEntry("audit_event inserted", 1L);
    assertThat(row("4.1")).containsEntry("assignee", "sec-chengguan").containsEntry("task_id", draft.getId())
        .containsEntry("stage", "DRAFT_PLAN");
    assertThat(jdbc.queryForMap("select actor_id, actor_name, problem_id, unit_id, target from audit_event"
        + " where action = 'TASK_CLAIMED' and problem_id = ?", DemoRound.key("4.1")))
        .containsEntry("actor_id", "sec-chengguan").containsEntry("unit_id", UNIT).containsEntry("target", draft.getName())
        .extractingByKey("actor_name").asString().isNotBlank();
  }

  @Test
  void aSubmittedPlanEndsOneTaskAndStartsTheNextInOneUpdate() {
    Task draft = task("4.2");
    claim(draft, "sec-chengguan");

    Map<String, Long> written = inOneTransaction(() -> complete(draft, "sec-chengguan", CaseDriver.plan(UNIT)));

    Task review = task("4.2");
    assertThat(written).containsEntry("case_unit updated", 1L);
    assertThat(row("4.2")).containsEntry("stage", "REVIEW_PLAN").containsEntry("task_id", review.getId())
        .containsEntry("assignee", null).containsEntry("plan_measures", CaseDriver.plan(UNIT).get("planMeasures"))
        .containsEntry("late_tasks", 0);
    assertThat(((Date) row("4.2").get("due_at")).getTime()).isEqualTo(review.getDueDate().getTime());
    assertThat(row("4.2").get("next_notice")).isNotNull();
  }

  @Test
  void aRefusedCompletionLeavesTheRegisterAsItWas() {
    Task draft = task("3.3");
    complete(draft, "sec-chengguan", CaseDriver.plan(UNIT));
    Task review = task("3.3");
    claim(review, "sup-orgdept");
    Map<String, Object> before = row("3.3");

    assertThatThrownBy(() -> complete(review, "sup-orgdept", CaseDriver.decision("planApproved", false, null)))
        .hasMessageContaining("退回时请填写“退回理由”");

    assertThat(row("3.3")).isEqualTo(before).containsEntry("task_id", review.getId())
        .containsEntry("assignee", "sup-orgdept").containsEntry("plan_returns", 0);
  }

  @Test
  void aCaseOpensWithOneInsertPerUnitCarryingItsFirstTask() {
    Problem problem = new Problem("R1", "理论学习存在差距", "登记测试问题", "有的基层党组织对理论学习不够深入。",
        List.of("制定年度理论学习计划"), List.of(UNIT, "street-dongcheng"), List.of("org-dept"), LocalDate.of(2027, 6, 30));

    Map<String, Long> written = inOneTransaction(() -> starter.startIfNew(DemoRound.opening(problem)));

    assertThat(written).containsEntry("case_problem inserted", 1L).containsEntry("case_unit inserted", 2L)
        .doesNotContainKey("case_unit updated");
    assertThat(row("R1")).containsEntry("stage", "DRAFT_PLAN").containsEntry("task_id", task("R1").getId())
        .containsEntry("assignee", null).containsEntry("status", "OPEN");
    assertThat(((Date) row("R1").get("due_at")).getTime()).isEqualTo(task("R1").getDueDate().getTime());
    assertThat(row("R1").get("next_notice")).isNotNull();
  }

  /** Two rounds may both have a 1.1: while cases of several rounds are open, a task's name starts with its round's. */
  @Test
  void aTaskOfASecondOpenRoundIsNamedWithItsRound() {
    Problem problem = new Problem("1.1", "理论学习存在差距", "第二批次的问题", "有的基层党组织对理论学习不够深入。",
        List.of("制定年度理论学习计划"), List.of(UNIT), List.of("org-dept"), LocalDate.of(2027, 6, 30));

    starter.startIfNew(new CaseOpening("2099-CS", "测试批次", problem, null));

    Task draft = engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(UnitRectificationProcess.businessKey("2099-CS/1.1", UNIT)).singleResult();
    assertThat(draft.getName()).isEqualTo("制定整改方案 · 测试批次 1.1 第二批次的问题 · 城关街道党工委");
  }

  /**
   * The rows the command wrote in its transaction: the difference of the connection's counts before and after (they
   * also hold earlier transactions of the pooled connection that PostgreSQL has not yet reported).
   */
  private Map<String, Long> inOneTransaction(Runnable command) {
    return transactions.execute(status -> {
      Map<String, Long> before = counts();
      command.run();
      Map<String, Long> written = new TreeMap<>();
      counts().forEach((count, after) -> {
        long rows = after - before.getOrDefault(count, 0L);
        if (rows > 0) {
          written.put(count, rows);
        }
      });
      return written;
    });
  }

  private Map<String, Long> counts() {
    Map<String, Long> counts = new TreeMap<>();
    jdbc.query("select relname, n_tup_ins, n_tup_upd from pg_stat_xact_user_tables where relname in ('case_unit',"
        + " 'case_problem', 'audit_event')", rs -> {
          counts.put(rs.getString(1) + " inserted", rs.getLong(2));
          counts.put(rs.getString(1) + " updated", rs.getLong(3));
        });
    return counts;
  }

  private void claim(Task task, String user) {
    as(user, () -> engine.getTaskService().claim(task.getId(), user));
  }

  private void complete(Task task, String user, Map<String, Object> variables) {
    as(user, () -> engine.getTaskService().complete(task.getId(), variables));
  }

  private void as(String user, Runnable action) {
    List<String> groups = engine.getIdentityService().createGroupQuery().groupMember(user).list().stream()
        .map(Group::getId).toList();
    engine.getIdentityService().setAuthentication(user, groups);
    try {
      action.run();
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  private Task task(String problemId) {
    return engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(UnitRectificationProcess.businessKey(DemoRound.key(problemId), UNIT))
        .taskDefinitionKeyIn(UnitRectificationProcess.TASK_DRAFT_PLAN, UnitRectificationProcess.TASK_REVIEW_PLAN)
        .singleResult();
  }

  private Map<String, Object> row(String problemId) {
    return jdbc.queryForMap("select stage, status, task_id, assignee, due_at, next_notice, plan_measures, plan_returns, late_tasks"
        + " from case_unit where problem_id = ? and unit_id = ?", DemoRound.key(problemId), UNIT);
  }
}
