package cn.zhenggai.rectification.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.casework.RegisterAgreement;
import cn.zhenggai.rectification.load.RequestLog.Outcome;
import cn.zhenggai.rectification.load.SimulatedUser.Account;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Not a unit test: the load test, run with {@code ./mvnw verify -Pload} (only this kind of class runs there). Two
 * hundred simulated users, the clerks of the five units' secretaries and of the two supervising departments sharing
 * the demo accounts, work a generated list of problems through Camunda's REST API for a bounded time on loopback:
 * list, claim, complete (draft, review, rectify, accept, confirm closure). Prints and writes
 * {@code target/bench/load.md}: requests, answers by kind, latency percentiles, work done; then checks that no request
 * got a server error and that the case register agrees with the engine.
 *
 * <p>{@code -Dload.seconds=N} (default 60), {@code -Dload.users=N} (default 200), {@code -Dload.problems=N} (default
 * 200) change the run.
 */
class RestApiLoad extends PostgresApplicationTest {

  static final int USERS = Integer.getInteger("load.users", 200);
  static final Duration DURATION = Duration.ofSeconds(Long.getLong("load.seconds", 60));
  static final int PROBLEMS = Integer.getInteger("load.problems", 200);
  static final Path PROBLEM_LIST = Path.of("target", "load", "problems.yaml");
  static int units;

  @DynamicPropertySource
  static void generatedProblems(DynamicPropertyRegistry registry) {
    units = LoadProblems.write(PROBLEMS, PROBLEM_LIST);
    registry.add("rectification.seeds.problems", () -> PROBLEM_LIST.toAbsolutePath().toString());
    // reports without evidence files: this is the load of the engine's REST API; files are uploaded by Tasklist's panel
    // in a browser session, not through this API
    registry.add("rectification.evidence.required.report", () -> "false");
  }

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired ManagementService management;
  @Autowired RuntimeService runtime;

  @Test
  void usersClaimCompleteAndReviewConcurrentlyWithoutServerErrorsAndTheRegisterAgrees() throws Exception {
    assertThat(count("select count(*) from case_unit")).as("units seeded").isEqualTo(units);
    List<Account> crowd = SimulatedUser.crowd(USERS);
    HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();

    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    RequestLog log = new RequestLog();
    ExecutorService pool = Executors.newFixedThreadPool(USERS, numbered("load-user-"));
    long start = System.nanoTime();
    try {
      long end = start + DURATION.toNanos();
      List<Future<RequestLog>> running = new ArrayList<>();
      for (int i = 0; i < crowd.size(); i++) {
        running.add(pool.submit(new SimulatedUser(crowd.get(i), http, port, i, end)));
      }
      for (Future<RequestLog> user : running) {
        log.addAll(user.get(DURATION.toSeconds() + 2 * EngineRest.REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    Duration actual = Duration.ofNanos(System.nanoTime() - start);
    // the machine may be shared (other builds): say how busy it was
    String machineLoad = String.format("system load average %.1f before the run, %.1f after it", loadBefore,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

    // accepted units continue asynchronously (the case's join); let the job executor finish before comparing
    await().atMost(Duration.ofMinutes(2)).until(() -> management.createJobQuery().executable().count() == 0);
    RegisterAgreement.Result agreement = new RegisterAgreement(jdbc).check();
    long failedJobs = management.createJobQuery().withException().count();
    long incidents = runtime.createIncidentQuery().count();
    LoadReport report = new LoadReport(command(), machineLoad, USERS, describe(crowd), DURATION, actual, PROBLEMS, units, log,
        count("select count(*) from case_unit where status = 'CLOSED'"),
        count("select count(*) from case_problem where status = 'CLOSED'"),
        failedJobs,
        incidents,
        agreement);
    String markdown = report.markdown();
    System.out.println("\n" + markdown);
    Path out = Path.of("target", "bench", "load.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, markdown);

    assertThat(log.count(Outcome.SERVER_ERROR)).as("server errors (5xx), see the report above").isZero();
    assertThat(agreement.mismatches()).as("register against engine").isEmpty();
    assertThat(failedJobs).as("failed jobs").isZero();
    assertThat(incidents).as("incidents").isZero();
    assertThat(log.count(Outcome.OK)).as("successful requests").isPositive();
    assertThat(log.completedSteps()).as("tasks completed").isNotEmpty();
  }

  private int count(String sql) {
    return jdbc.queryForObject(sql, Integer.class);
  }

  /** The command that reproduces this run. */
  private static String command() {
    StringBuilder command = new StringBuilder("./mvnw verify -Pload");
    if (System.getProperty("load.seconds") != null) {
      command.append(" -Dload.seconds=").append(DURATION.toSeconds());
    }
    if (System.getProperty("load.users") != null) {
      command.append(" -Dload.users=").append(USERS);
    }
    if (System.getProperty("load.problems") != null) {
      command.append(" -Dload.problems=").append(PROBLEMS);
    }
    return command.toString();
  }

  private static String describe(List<Account> crowd) {
    Map<String, Long> byAccount = crowd.stream()
        .collect(Collectors.groupingBy(Account::user, java.util.TreeMap::new, Collectors.counting()));
    return byAccount.entrySet().stream().map(e -> e.getValue() + " × " + e.getKey()).collect(Collectors.joining(", "));
  }

  private static ThreadFactory numbered(String prefix) {
    AtomicInteger number = new AtomicInteger();
    return task -> new Thread(task, prefix + number.incrementAndGet());
  }
}
