package cn.zhenggai.rectification.bench;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.bench.BenchmarkReport.Row;
import cn.zhenggai.rectification.casework.CaseDriver;
import cn.zhenggai.rectification.casework.CaseStarter;
import cn.zhenggai.rectification.evidence.EvidenceUploads;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.StageDeadlines;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Not a test: a benchmark, run with {@code ./mvnw verify -Pbenchmark}. Drives problem × unit items through the whole
 * lifecycle with the Java API in the application (its engine with listeners, case register and notices) and in
 * {@link BareEngine} (the same BPMN without the application's listeners and plugins), and reports items per second of
 * each and their ratio (goal ≥ 0.8). The machine is shared, so the two variants take turns: {@code bench.rounds}
 * rounds (default 3), each driving a third of {@code bench.items} through the application and then through bare
 * Camunda; the figures are medians over the rounds. {@code bench.threads} driver threads (default 2, the same for both).
 *
 * <p>{@code bench.items} defaults to 3,000, not the 10,000: on the shared 2-core development machine 10,000
 * items per variant take about half an hour; {@code -Dbench.items=10000} runs the full size.
 */
@TestPropertySource(properties = "rectification.seeds.problems=src/test/resources/seeds/one-problem.yaml")
class LifecycleBenchmark extends PostgresApplicationTest {

  static final int ITEMS = Integer.getInteger("bench.items", 3_000);
  static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
  static final int THREADS = Integer.getInteger("bench.threads", 2);
  static final double GOAL = 0.8;

  @Autowired ProcessEngine engine;
  @Autowired CaseStarter starter;
  @Autowired StageDeadlines deadlines;
  @Autowired DataSource dataSource;
  @Autowired JdbcTemplate jdbc;
  @Autowired EvidenceUploads evidence;

  @Test
  void lifecycleThroughputAgainstBareCamunda() {
    String load = BenchmarkReport.loadAverage();
    int units = BenchProblems.UNITS.size();
    int problemsPerRound = Math.max(1, ITEMS / units / ROUNDS);
    int itemsPerRound = problemsPerRound * units;
    int warmUp = Math.max(10, problemsPerRound / 5);

    List<Double> applicationRates = new ArrayList<>();
    List<Double> bareRates = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    StringBuilder roundTable = new StringBuilder("| round | application | bare Camunda | ratio |\n|---|---|---|---|\n");
    Map<String, Double> applicationSteps = new LinkedHashMap<>();
    Map<String, Double> bareSteps = new LinkedHashMap<>();
    RowWrites applicationWrites;
    RowWrites bareWrites;
    String removed;
    String bareSettings;
    try (BareEngine bare = BareEngine.start(engine, dataSource, deadlines)) {
      LifecycleRun application = new LifecycleRun(new CaseDriver(engine, evidence),
          problem -> starter.startIfNew(DemoRound.opening(problem)), THREADS);
      LifecycleRun baseline = new LifecycleRun(new CaseDriver(bare.engine()), bare::open, THREADS);
      application.run(BenchProblems.of("W", warmUp));
      baseline.run(BenchProblems.of("W", warmUp));
      // the row counts from here on cover the timed rounds only (background work included: mail poller, jobs)
      RowWrites.reset(jdbc);
      RowWrites.reset(new JdbcTemplate(bare.dataSource()));
      for (int round = 1; round <= ROUNDS; round++) {
        // both databases with fresh planner statistics, as autovacuum keeps them in production (untimed): a new database
        // without them reads whole tables where an index would do, and gets slower round by round
        new JdbcTemplate(dataSource).execute("analyze");
        new JdbcTemplate(bare.dataSource()).execute("analyze");
        String prefix = "L" + round + "-";
        double applicationSeconds = application.run(BenchProblems.of(prefix, problemsPerRound));
        application.stepSeconds().forEach((step, seconds) -> applicationSteps.merge(step, seconds, Double::sum));
        double bareSeconds = baseline.run(BenchProblems.of(prefix, problemsPerRound));
        baseline.stepSeconds().forEach((step, seconds) -> bareSteps.merge(step, seconds, Double::sum));
        assertEverythingClosedInTheApplication(prefix, problemsPerRound, itemsPerRound);
        assertEverythingClosed(bare.engine(), prefix, problemsPerRound, itemsPerRound);
        applicationRates.add(itemsPerRound / applicationSeconds);
        bareRates.add(itemsPerRound / bareSeconds);
        ratios.add(bareSeconds / applicationSeconds);
        roundTable.append("| ").append(round).append(" | ").append(rate(itemsPerRound, applicationSeconds)).append(" | ")
            .append(rate(itemsPerRound, bareSeconds)).append(" | ")
            .append(String.format(Locale.ROOT, "%.2f", bareSeconds / applicationSeconds)).append(" |\n");
      }
      applicationWrites = RowWrites.settled(jdbc);
      bareWrites = RowWrites.settled(new JdbcTemplate(bare.dataSource()));
      removed = bare.removed;
      bareSettings = bare.settings;
    }

    double ratio = median(ratios);
    String total = ROUNDS + " × " + itemsPerRound + " items";
    List<Row> rows = List.of(
        Row.info("lifecycle, application (" + total + ")", BenchmarkReport.perSecond(median(applicationRates), "items")),
        Row.info("lifecycle, bare Camunda (" + total + ")", BenchmarkReport.perSecond(median(bareRates), "items")),
        Row.of("lifecycle throughput, application ÷ bare Camunda", String.format(Locale.ROOT, "%.2f", ratio), "≥ " + GOAL,
            ratio >= GOAL));

    StringBuilder details = new StringBuilder()
        .append("Each item (problem × unit) goes through: case opened, plan submitted, plan approved, report submitted, ")
        .append("rectification accepted; each problem's closure is confirmed once its ").append(units)
        .append(" units are joined (asyncAfter, by the job executor), after which the case waits for its look-back "
            + "(回头看, a timer months ahead, not run here). Each step through the Java API as its user does it ")
        .append("(sign in, claim, complete with the form's variables), step by step for all problems of a round, ")
        .append(THREADS).append(" driver threads. ").append(ROUNDS).append(" rounds of ").append(problemsPerRound)
        .append(" problems × ").append(units).append(" units = ").append(itemsPerRound)
        .append(" items, first in the application, then in bare Camunda; ").append(warmUp)
        .append(" problems on each engine first as an untimed warm-up; before each round both databases are analyzed ")
        .append("(untimed). Figures: medians over the rounds ")
        .append("(ratio = median of the rounds' ratios).\n\n")
        .append("- **application**: the product on PostgreSQL (profiles postgres,demo), its engine as deployed: the BPMN's ")
        .append("task listeners (submission record and its checks, review decision, new-task notices recorded in ")
        .append("`notification`), the case register (case_problem, case_unit, case_event, with each task's next reminder for the sweep process DeadlineWatch) ")
        .append("and task names (parse listener), unit access grants; mail poller and job executor on.\n")
        .append("- **bare Camunda**: a second engine in the same JVM on a fresh database of the same PostgreSQL server, ")
        .append("the same two BPMN files and forms with ").append(removed).append(" removed, no engine plugins; ")
        .append(bareSettings).append(" — as the application's engine. Beans `deadlines` and `units` serve the due dates ")
        .append("and the unit's name.\n\n")
        .append(roundTable)
        .append("\nSeconds per step, summed over the rounds (the evidence upload of a report is its own step; bare Camunda ")
        .append("has none):\n\n| step | application | bare Camunda |\n|---|---|---|\n");
    for (String step : applicationSteps.keySet()) {
      details.append("| ").append(step).append(" | ").append(BenchmarkReport.seconds(applicationSteps.get(step)))
          .append(" | ").append(BenchmarkReport.seconds(bareSteps.get(step))).append(" |\n");
    }
    int timedItems = ROUNDS * itemsPerRound;
    details.append("\nRows written per completed item in the timed rounds (`pg_stat_user_tables`, reset after the ")
        .append("warm-up; background work included):\n\n| | inserted | updated | deleted | total |\n|---|---|---|---|---|\n")
        .append(applicationWrites.perItem("application", timedItems))
        .append(bareWrites.perItem("bare Camunda", timedItems))
        .append("\nPer table (application, rows per item; tables with at least 0.5):\n\n")
        .append(applicationWrites.tables(timedItems));
    details.append("\nPostgreSQL ").append(jdbc.queryForObject("show server_version", String.class))
        .append("; test JVM heap cap ").append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append(" MB.\n");
    BenchmarkReport.publish("lifecycle", "Lifecycle throughput (LifecycleBenchmark)", load, rows, details.toString());
  }

  /**
   * Every case and unit closed in the register, each case waiting for its look-back (回头看), no unit process left
   * running, the new-task notices recorded.
   */
  private void assertEverythingClosedInTheApplication(String prefix, int problems, int items) {
    assertEverythingClosed(engine, prefix, problems, items);
    assertThat(jdbc.queryForObject("select count(*) from case_problem where problem_id like ? and status = 'CLOSED'",
        Integer.class, DemoRound.key(prefix) + "%")).isEqualTo(problems);
    assertThat(jdbc.queryForObject("select count(*) from case_unit where problem_id like ? and status = 'CLOSED'"
        + " and stage = 'ACCEPTED'", Integer.class, DemoRound.key(prefix) + "%")).isEqualTo(items);
    // one new-task notice to the unit's secretary for its plan and one for its rectification
    assertThat(jdbc.queryForObject("select count(*) from notification where problem_id like ? and kind = 'NEW_TASK'",
        Integer.class, DemoRound.key(prefix) + "%")).isEqualTo(2 * items);
  }

  /** Closed cases wait at the look-back timer (both engines run the same diagram); every unit's process has ended. */
  private static void assertEverythingClosed(ProcessEngine engine, String prefix, int problems, int items) {
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(UnitRectificationProcess.KEY)
        .processInstanceBusinessKeyLike(DemoRound.key(prefix) + "%").count()).isZero();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(RectificationCaseProcess.KEY)
        .processInstanceBusinessKeyLike(DemoRound.key(prefix) + "%").activityIdIn(RectificationCaseProcess.LOOK_BACK_DUE).count())
        .isEqualTo(problems);
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(UnitRectificationProcess.KEY).processInstanceBusinessKeyLike(DemoRound.key(prefix) + "%").completed().count())
        .isEqualTo(items);
  }

  private static String rate(int items, double seconds) {
    return BenchmarkReport.perSecond(items / seconds, "items") + " (" + BenchmarkReport.seconds(seconds) + ")";
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }
}
