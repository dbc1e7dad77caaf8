package cn.zhenggai.rectification.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.organization.SeedFileException;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Loading the seeds again, as a restart does, against the running application on PostgreSQL. */
class SeedLoaderIT extends PostgresApplicationTest {

  static final Path ORGANIZATION = Path.of("seeds/organization.yaml");
  static final Path PROBLEMS = Path.of("seeds/problems.yaml");

  @Autowired SeedLoader loader;
  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  @TempDir Path dir;

  @Test
  void loadingTheSameSeedsAgainStartsNothing() {
    long cases = caseCount();

    assertThat(loader.load(ORGANIZATION, PROBLEMS)).isZero();

    assertThat(caseCount()).isEqualTo(cases);
    assertThat(engine.getIdentityService().createUserQuery().userId("sec-chengguan").count()).isEqualTo(1);
    assertThat(engine.getIdentityService().createUserQuery().memberOfGroup("street-chengguan").count()).isEqualTo(1);
    assertThat(engine.getFilterService().createFilterQuery().filterName("本单位待办").count()).isEqualTo(1);
  }

  @Test
  void aProblemAddedToTheListStartsJustThatOne() throws IOException {
    Path problems = Files.writeString(dir.resolve("problems.yaml"), Files.readString(PROBLEMS) + """

          - id: "5.1"
            category: 新增问题
            title: 党员发展工作不规范
            source: 个别党组织发展党员程序不够规范。
            units: [education]
            supervisors: [org-dept]
            deadline: 2027-05-31
        """);
    long cases = caseCount();

    assertThat(loader.load(ORGANIZATION, problems)).isEqualTo(1);

    assertThat(caseCount()).isEqualTo(cases + 1);
    assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey("2022-SZPY/5.1/education").singleResult()
        .getName()).isEqualTo("制定整改方案 · 5.1 党员发展工作不规范 · 教育工委");
    assertThat(loader.load(ORGANIZATION, problems)).isZero();
    assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKeyLike("2022-SZPY/5.1/%").count()).isOne();
  }

  @Test
  void aBrokenProblemListWritesNothingAtAll() throws IOException {
    Path organization = Files.writeString(dir.resolve("organization.yaml"), Files.readString(ORGANIZATION) .replace(
        "groups:\n", "groups:\n  - id: street-nanhu\n    name: 南湖街道党工委\n    role: unit\n"));
    Path problems = Files.writeString(dir.resolve("problems.yaml"), Files.readString(PROBLEMS) + """

          - id: "5.2"
            category: 新增问题
            title: 第一项正确
            source: 原文一。
            units: [street-nanhu]
            supervisors: [org-dept]
            deadline: 2027-05-31
          - id: "5.3"
            category: 新增问题
            title: 第二项单位写错
            source: 原文二。
            units: [street-nowhere]
            supervisors: [org-dept]
            deadline: 2027-05-31
        """);
    long cases = caseCount();

    assertThatThrownBy(() -> loader.load(organization, problems))
        .isInstanceOf(SeedFileException.class)
        .hasMessage(problems + "：问题 5.3 的字段 units：未知的责任单位 \"street-nowhere\"（organization.yaml 中没有这个单位）");

    assertThat(caseCount()).isEqualTo(cases);
    assertThat(jdbc.queryForObject("select count(*) from case_problem where problem_id in ('2022-SZPY/5.2', '2022-SZPY/5.3')", Long.class))
        .isZero();
    assertThat(engine.getIdentityService().createGroupQuery().groupId("street-nanhu").count()).isZero();
  }

  @Test
  void twoNodesLoadingAtTheSameMomentTakeTurnsAndDuplicateNothing() throws Exception {
    Path problems = Files.writeString(dir.resolve("problems.yaml"), Files.readString(PROBLEMS) + """

          - id: "5.9"
            category: 新增问题
            title: 两个节点同时启动
            source: 原文。
            units: [organs]
            supervisors: [org-dept]
            deadline: 2027-05-31
        """);
    long cases = caseCount();
    ExecutorService nodes = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> first = nodes.submit(() -> loader.load(ORGANIZATION, problems));
      Future<Integer> second = nodes.submit(() -> loader.load(ORGANIZATION, problems));
      assertThat(first.get() + second.get()).isEqualTo(1);
    } finally {
      nodes.shutdown();
    }

    assertThat(caseCount()).isEqualTo(cases + 1);
    for (String filter : List.of("我的待办", "本单位待办", "即将到期", "已逾期", "全部逾期")) {
      assertThat(engine.getFilterService().createFilterQuery().filterName(filter).count()).as(filter).isEqualTo(1);
    }
    assertThat(jdbc.queryForObject("select count(*) from act_ru_authorization where group_id_ = 'organs'"
        + " and resource_type_ = 0 and resource_id_ = 'tasklist'", Long.class)).as("one grant, not two").isEqualTo(1);
  }

  private long caseCount() {
    return engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(RectificationCaseProcess.KEY).count();
  }
}
