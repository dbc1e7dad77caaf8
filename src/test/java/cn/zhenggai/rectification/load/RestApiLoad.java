package cn.zhenggai.rectification.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.zhenggai.rectification.bench.BenchmarkReport;
import cn.zhenggai.rectification.casework.RegisterAgreement;
import cn.zhenggai.rectification.load.LoadReport.Step;
import cn.zhenggai.rectification.load.RequestLog.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Not a unit test: the load test, run with {@code ./mvnw verify -Pload} (only this kind of class runs there). Two
 * nodes (the packaged jar twice, each its own JVM) on one PostgreSQL; simulated people, split between the nodes,
 * sign in once each (ramped over a minute), then work a generated problem list through Tasklist's API with its session
 * cookie and XSRF token, thinking 10 to 30 s between their steps: list the office's tasks, claim one, complete it
 * (draft, review, rectify, accept, confirm closure). Measures p50/p95/p99 per kind after the ramp, and checks that no
 * request got a server error, no job failed and the case register agrees with the engine. Writes
 * {@code target/bench/load.md} and the load's rows of {@code target/bench/results.md}.
 *
 * <p>{@code -Dload.users=N} (default 1000), {@code -Dload.seconds=N} measured after the ramp (default 180),
 * {@code -Dload.ramp=N} seconds (60), {@code -Dload.problems=N} (default: enough that the secretaries' clerks do not
 * run out of work), {@code -Dload.thinkMin=N} / {@code -Dload.thinkMax=N} seconds (10 / 30). Capacity mode,
 * {@code -Dload.capacity=true}: from 100 users (30 s ramp, 90 s measured), {@code load.step} (100) more users ramp in
 * and are measured again, until the task list's p95 passes 1 s or {@code load.maxUsers} (2000) is reached. The nodes'
 * pool sizes can be tried without a rebuild: {@code -Dload.pool=N} (Hikari connections per node),
 * {@code -Dload.threads=N} (Tomcat threads).
 */
class RestApiLoad {

  static final boolean CAPACITY = Boolean.getBoolean("load.capacity");
  static final int USERS = Integer.getInteger("load.users", CAPACITY ? 100 : 1000);
  static final Duration MEASURED = Duration.ofSeconds(Long.getLong("load.seconds", CAPACITY ? 90 : 180));
  static final Duration RAMP = Duration.ofSeconds(Long.getLong("load.ramp", CAPACITY ? 30 : 60));
  static final int STEP = Integer.getInteger("load.step", 100);
  static final int MAX_USERS = Integer.getInteger("load.maxUsers", 2000);
  static final Duration THINK_MIN = Duration.ofSeconds(Long.getLong("load.thinkMin", 10));
  static final Duration THINK_MAX = Duration.ofSeconds(Long.getLong("load.thinkMax", 30));
  /**
   * A secretary's clerk completes at most one task a minute (list, claim, complete, 20 s apart); six in ten users
   * are such clerks, a unit needs two of their tasks and has them one after the other; so one unit (3.5 per problem)
   * for about every 150 user-seconds, and three steps' worth in capacity mode.
   */
  static final int PROBLEMS = Integer.getInteger("load.problems",
      Math.max(200, (int) (USERS * (RAMP.toSeconds() + MEASURED.toSeconds()) / 525 * (CAPACITY ? 3 : 1))));
  static final Path PROBLEM_LIST = Path.of("target", "load", "problems.yaml");

  @Test
  void peopleWithThinkTimeOnTwoNodesGetNoServerErrorsAndTheRegisterAgrees() throws Exception {
    String loadAtStart = BenchmarkReport.loadAverage();
    int units = LoadProblems.write(PROBLEMS, PROBLEM_LIST);
    List<Step> steps = new ArrayList<>();
    RequestLog ramps = new RequestLog();
    try (TwoNodes nodes = new TwoNodes(PROBLEM_LIST, nodeSettings());
        Crowd crowd = new Crowd(nodes.ports(), THINK_MIN, THINK_MAX)) {
      JdbcTemplate jdbc = nodes.jdbc();
      assertThat(count(jdbc, "select count(*) from case_unit")).as("units seeded").isEqualTo(units);
      LoadAccounts accounts = new LoadAccounts(nodes.ports()[0]);
      int users = USERS;
      do {
        accounts.makeUpTo(users);
        crowd.growTo(users, RAMP);
        crowd.workFor(RAMP);
        ramps.addAll(crowd.nextStretch());
        crowd.workFor(MEASURED);
        steps.add(new Step(users, MEASURED, crowd.nextStretch()));
        System.out.printf("%n%d users: task list p95 %.0f ms (load average %s)%n", users,
            steps.get(steps.size() - 1).p95(RequestLog.Kind.LIST), BenchmarkReport.loadAverage());
        users += STEP;
      } while (CAPACITY && !steps.get(steps.size() - 1).listPassesCapacity() && users <= MAX_USERS);
      crowd.stop();
      await().atMost(BrowserSession.REQUEST_TIMEOUT.multipliedBy(2)).until(() -> crowd.inFlight() == 0);
      ramps.addAll(crowd.nextStretch());
      assertThat(nodes.bothAlive()).as("both nodes still running").isTrue();

      // accepted units continue asynchronously (the case's join); let the job executors finish before comparing
      await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> count(jdbc,
          "select count(*) from act_ru_job where retries_ > 0 and suspension_state_ = 1 and exception_msg_ is null"
              + " and (duedate_ is null or duedate_ <= current_timestamp)") == 0);
      RegisterAgreement.Result agreement = new RegisterAgreement(jdbc).check();
      long failedJobs = count(jdbc, "select count(*) from act_ru_job where exception_msg_ is not null or retries_ = 0");
      long incidents = count(jdbc, "select count(*) from act_ru_incident");
      LoadReport report = new LoadReport(command(), loadAtStart, BenchmarkReport.loadAverage(), setUp(units), steps,
          ramps, PROBLEMS, units,
          count(jdbc, "select count(*) from case_unit where status = 'CLOSED'"),
          count(jdbc, "select count(*) from case_problem where status = 'CLOSED'"),
          failedJobs, incidents, agreement);
      report.publish();

      assertThat(crowd.failures()).as("users who could not sign in or stopped working").isEmpty();
      assertThat(report.serverErrors()).as("server errors (5xx), see the report above").isZero();
      assertThat(agreement.mismatches()).as("register against engine").isEmpty();
      assertThat(failedJobs).as("failed jobs").isZero();
      assertThat(incidents).as("incidents").isZero();
      assertThat(steps.get(0).log().count(Outcome.OK)).as("successful requests").isPositive();
    }
  }

  /** The nodes' pool sizes when asked for; otherwise application-postgres.yaml's. */
  private static List<String> nodeSettings() {
    List<String> settings = new ArrayList<>();
    if (System.getProperty("load.pool") != null) {
      settings.add("--spring.datasource.hikari.maximum-pool-size=" + Integer.getInteger("load.pool"));
    }
    if (System.getProperty("load.threads") != null) {
      settings.add("--server.tomcat.threads.max=" + Integer.getInteger("load.threads"));
    }
    return settings;
  }

  private static String setUp(int units) {
    return "Two nodes (the packaged jar, each its own JVM with -Xmx384m, profile postgres,demo"
        + (nodeSettings().isEmpty() ? "" : ", " + String.join(" ", nodeSettings()))
        + ") on one embedded PostgreSQL, the simulated users in the test's JVM, all on this machine over loopback. "
        + "Users alternate between the nodes; in every ten, six clerks of the five units' secretaries and four of the "
        + "two supervising departments, each with an account of its own. Each signs in once (ramp " + RAMP.toSeconds()
        + " s per step), then keeps its session cookie and XSRF token: list the office's tasks, claim one of the newest "
        + SimulatedUser.PICK_AMONG + " unclaimed, submit its form, thinking " + THINK_MIN.toSeconds() + "–"
        + THINK_MAX.toSeconds() + " s (uniform, seeded) after each answer. " + PROBLEMS + " problems (" + units
        + " units) seeded. Figures are of the measured stretch after each ramp.";
  }

  private static int count(JdbcTemplate jdbc, String sql) {
    return jdbc.queryForObject(sql, Integer.class);
  }

  /** The command that reproduces this run. */
  private static String command() {
    StringBuilder command = new StringBuilder("./mvnw verify -Pload");
    System.getProperties().stringPropertyNames().stream().filter(key -> key.startsWith("load.")).sorted()
        .forEach(key -> command.append(" -D").append(key).append('=').append(System.getProperty(key)));
    return command.toString();
  }
}
