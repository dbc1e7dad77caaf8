package cn.zhenggai.rectification.startup;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.RectificationApplication;
import cn.zhenggai.rectification.TestPostgres;
import cn.zhenggai.rectification.casework.CaseDriver;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A county that ran the product before rounds existed upgrades: its cases (keys 1.1, 1.1/street-chengguan) join the
 * demo round with their keys rewritten everywhere, nothing is opened twice, and the work goes on where it was.
 */
class UpgradeFromBeforeRoundsIT {

  @Test
  void casesOpenedBeforeRoundsJoinTheDemoRoundAndGoOn() {
    String url = TestPostgres.newDatabase("rectification_upgrade");
    JdbcTemplate database = new JdbcTemplate(new SingleConnectionDataSource(url, TestPostgres.user(), "", true));
    start(url).close();
    long executions = database.queryForObject("select count(*) from act_ru_execution", Long.class);
    putBackAsBeforeRounds(database);
    assertThat(database.queryForObject("select count(*) from case_problem where problem_id = '1.1'", Long.class)).isOne();

    try (ConfigurableApplicationContext application = start(url)) {
      assertThat(database.queryForList("select problem_id from case_problem order by problem_id", String.class))
          .hasSize(9).allMatch(key -> key.startsWith("2022-SZPY/"));
      assertThat(database.queryForObject("select count(*) from case_unit where problem_id not like '2022-SZPY/%'", Long.class)).isZero();
      assertThat(database.queryForObject("select count(*) from case_problem where round_code = '2022-SZPY'"
          + " and round_name = '2022年度抓基层党建工作述职评议' and problem_number is not null", Long.class)).isEqualTo(9);
      assertThat(database.queryForObject("select count(*) from case_unit where round_code = '2022-SZPY'"
          + " and problem_order like '2022-SZPY/00000_.00000_'", Long.class)).as("V11: the ledger's round and order").isEqualTo(35);
      assertThat(database.queryForObject("select status from case_round where code = '2022-SZPY'", String.class))
          .isEqualTo("PUBLISHED");
      assertThat(database.queryForObject("select count(*) from act_ru_execution", Long.class))
          .as("nothing opened twice").isEqualTo(executions);
      assertThat(database.queryForObject("select count(*) from act_ru_execution where business_key_ = '2022-SZPY/1.1'"
          + " and proc_def_id_ like '" + RectificationCaseProcess.KEY + ":%'", Long.class)).isOne();

      new CaseDriver(application.getBean(ProcessEngine.class)).submitPlan("2022-SZPY/1.1", "street-chengguan", "sec-chengguan");
      assertThat(database.queryForObject("select stage from case_unit where problem_id = '2022-SZPY/1.1'"
          + " and unit_id = 'street-chengguan'", String.class)).isEqualTo("REVIEW_PLAN");
    }
  }

  private static ConfigurableApplicationContext start(String url) {
    return new SpringApplicationBuilder(RectificationApplication.class).run(
        "--spring.profiles.active=postgres,demo",
        "--server.port=0",
        "--spring.datasource.url=" + url,
        "--spring.datasource.username=" + TestPostgres.user(),
        "--spring.datasource.password=");
  }

  /**
   * The data as the version before rounds left it: plain problem numbers as keys, no rounds, V10, V11 and the later
   * migrations not yet applied.
   */
  private static void putBackAsBeforeRounds(JdbcTemplate database) {
    String strip = " = substr(%1$s, length('2022-SZPY/') + 1) where %1$s like '2022-SZPY/%%'";
    // one session, in which foreign keys are not checked while the keys change
    database.execute("set session_replication_role = replica");
    for (String table : new String[] {"case_problem", "case_unit", "case_event", "notification"}) {
      database.update("update " + table + " set problem_id" + strip.formatted("problem_id"));
    }
    database.update("update case_problem set round_code = null, round_name = null, problem_number = null");
    database.update("update act_ru_execution set business_key_" + strip.formatted("business_key_"));
    database.update("update act_hi_procinst set business_key_" + strip.formatted("business_key_"));
    database.update("update act_ru_variable set text_" + strip.formatted("text_") + " and name_ = 'problemId'");
    database.update("update act_hi_varinst set text_" + strip.formatted("text_") + " and name_ = 'problemId'");
    database.update("delete from act_ru_variable where name_ in ('roundCode', 'roundName', 'problemNumber', 'carriedFrom')");
    database.execute("set session_replication_role = origin");
    database.update("delete from round_change");
    database.update("delete from round_problem");
    database.update("delete from case_round");
    database.execute("drop index case_unit_round_order");
    database.execute("drop index case_unit_order");
    database.execute("alter table case_unit drop column round_code, drop column problem_order");
    // and the later migrations not yet either: V12's evidence files, V13's reminder schedule, extensions and look-backs
    database.execute("drop table evidence_chunk");
    database.execute("drop table evidence_file");
    SchemaBeforeV13.putBack(database);
    database.update("delete from flyway_schema_history where version in ('10', '11', '12')");
  }
}
