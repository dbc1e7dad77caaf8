package cn.zhenggai.rectification.rounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.vocabulary.RefusedAction;
import cn.zhenggai.rectification.vocabulary.RefusedInput;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Publishing a round on PostgreSQL: every case or none, once, also when two supervisors press publish together. */
class RoundPublishingIT extends PostgresApplicationTest {

  static final Actor SUPERVISOR = new Actor("sup-orgdept", "张海涛");
  static final LocalDate DEADLINE = LocalDate.of(2027, 12, 31);

  @Autowired Rounds rounds;
  @Autowired RoundPublishing publishing;
  @Autowired JdbcTemplate jdbc;
  @Autowired TaskService tasks;

  @Test
  void aListWithMistakesIsRefusedNamingEachAndNothingOpens() {
    String code = round("2024年巡察反馈", "巡察反馈", LocalDate.of(2024, 5, 1));
    rounds.saveProblems(code, List.of(
        problem("1.1", "社区党组织阵地建设不规范", List.of("street-chengguan", "street-nowhere")),
        problem("1.2", " ", List.of("org-dept"))), SUPERVISOR);

    assertThat(rounds.check(code)).extracting(error -> error.index() + " " + error.field())
        .containsExactly("0 units", "1 title", "1 units");
    assertThatThrownBy(() -> publishing.publish(code, SUPERVISOR))
        .isInstanceOf(RefusedInput.class)
        .hasMessageContaining("问题清单还有 3 处需要修改，未发布")
        .hasMessageContaining("问题 1.1 的字段 units：未知的责任单位 \"street-nowhere\"")
        .hasMessageContaining("问题 1.2 缺少字段 title（问题标题）")
        .hasMessageContaining("问题 1.2 的字段 units：\"org-dept\"（县委组织部）不是责任单位");
    assertThat(casesOf(code)).isZero();
    assertThat(rounds.find(code).orElseThrow().status()).isEqualTo(RoundStatus.DRAFT);
  }

  @Test
  void publishingOpensEveryCaseOnceWithTheRoundInTheTaskNamesAndNewTaskNotices() {
    String code = round("2024年审计整改", "审计整改", LocalDate.of(2024, 6, 1));
    rounds.saveProblems(code, List.of(
        problem("1.1", "党费收缴使用管理不规范", List.of("street-chengguan", "organs")),
        problem("2.1", "专项资金拨付滞后", List.of("education"))), SUPERVISOR);

    assertThat(publishing.publish(code, SUPERVISOR)).isEqualTo(2);

    assertThat(jdbc.queryForList("select problem_id from case_problem where round_code = ? order by problem_id", String.class, code))
        .containsExactly(code + "/1.1", code + "/2.1");
    assertThat(jdbc.queryForObject("select count(*) from case_unit where problem_id like ?", Long.class, code + "/%")).isEqualTo(3);
    Task draft = tasks.createTaskQuery().processInstanceBusinessKey(code + "/1.1/street-chengguan").singleResult();
    assertThat(draft.getName()).isEqualTo("制定整改方案 · 2024年审计整改 1.1 党费收缴使用管理不规范 · 城关街道党工委");
    assertThat(jdbc.queryForObject("select count(*) from notification where problem_id = ? and kind = 'NEW_TASK'"
        + " and recipient_id = 'sec-chengguan'", Long.class, code + "/1.1")).isOne();
    assertThat(rounds.find(code).orElseThrow().status()).isEqualTo(RoundStatus.PUBLISHED);
    assertThat(rounds.changes(code)).extracting(RoundChange::what).first().asString()
        .isEqualTo("发布批次：立案 2 个问题，3 个单位整改");

    assertThatThrownBy(() -> publishing.publish(code, SUPERVISOR)).isInstanceOf(RefusedAction.class)
        .hasMessageContaining("不能再次发布");
    assertThatThrownBy(() -> rounds.saveProblems(code, List.of(), SUPERVISOR)).isInstanceOf(RefusedAction.class)
        .hasMessageContaining("问题清单不能再编辑");
    assertThat(casesOf(code)).isEqualTo(2);
  }

  @Test
  void twoSupervisorsPublishingAtTheSameMomentOpenEachCaseOnce() throws Exception {
    String code = round("2024年专项督查", "专项督查", LocalDate.of(2024, 7, 1));
    List<DraftProblem> list = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      list.add(problem("1." + i, "专项督查问题 " + i, List.of("street-chengguan", "street-dongcheng", "organs")));
    }
    rounds.saveProblems(code, list, SUPERVISOR);

    CountDownLatch ready = new CountDownLatch(2);
    CountDownLatch go = new CountDownLatch(1);
    Callable<Object> press = () -> {
      ready.countDown();
      go.await();
      try {
        return publishing.publish(code, SUPERVISOR);
      } catch (RefusedAction refused) {
        return refused;
      }
    };
    ExecutorService two = Executors.newFixedThreadPool(2);
    try {
      Future<Object> first = two.submit(press);
      Future<Object> second = two.submit(press);
      ready.await();
      go.countDown();
      List<Object> outcomes = List.of(first.get(), second.get());
      assertThat(outcomes).filteredOn(Integer.class::isInstance).containsExactly(6);
      assertThat(outcomes).filteredOn(RefusedAction.class::isInstance).hasSize(1);
    } finally {
      two.shutdownNow();
    }
    assertThat(casesOf(code)).isEqualTo(6);
    assertThat(jdbc.queryForObject("select count(*) from case_unit where problem_id like ?", Long.class, code + "/%")).isEqualTo(18);
    assertThat(jdbc.queryForObject("select count(*) from act_ru_execution where business_key_ like ? and parent_id_ is null",
        Long.class, code + "/%")).isEqualTo(6 + 18);
  }

  @Test
  void aFailureHalfWayThroughPublishingLeavesNothingBehind() {
    String code = round("2025年述职评议", "述职评议", LocalDate.of(2025, 1, 20));
    rounds.saveProblems(code, List.of(
        problem("1.1", "第一个问题", List.of("street-chengguan")),
        problem("1.2", "数据库拒收的问题", List.of("street-dongcheng")),
        problem("1.3", "第三个问题", List.of("organs"))), SUPERVISOR);
    // the database refuses the second case's register row, after the first case is written
    jdbc.execute("create function refuse_second() returns trigger language plpgsql as $$ begin"
        + " if new.title = '数据库拒收的问题' then raise exception 'refused for the test'; end if; return new; end $$");
    jdbc.execute("create trigger refuse_second before insert on case_problem for each row execute function refuse_second()");
    try {
      assertThatThrownBy(() -> publishing.publish(code, SUPERVISOR)).isNotNull();
    } finally {
      jdbc.execute("drop trigger refuse_second on case_problem");
      jdbc.execute("drop function refuse_second()");
    }

    assertThat(casesOf(code)).isZero();
    assertThat(jdbc.queryForObject("select count(*) from act_ru_execution where business_key_ like ?", Long.class, code + "/%")).isZero();
    assertThat(jdbc.queryForObject("select count(*) from notification where problem_id like ?", Long.class, code + "/%")).isZero();
    assertThat(rounds.find(code).orElseThrow().status()).isEqualTo(RoundStatus.DRAFT);
    assertThat(publishing.publish(code, SUPERVISOR)).as("published once the cause is gone").isEqualTo(3);
  }

  private String round(String name, String kind, LocalDate date) {
    return rounds.create(new RoundForm(null, name, kind, date, DEADLINE), SUPERVISOR);
  }

  private long casesOf(String code) {
    return jdbc.queryForObject("select count(*) from case_problem where round_code = ?", Long.class, code);
  }

  private static DraftProblem problem(String number, String title, List<String> units) {
    return new DraftProblem(number, "测试类别", title, "原文：" + title, null, null, List.of("措施"), units,
        List.of("org-dept"), DEADLINE, null);
  }
}
