package cn.zhenggai.rectification.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.bench.BenchmarkReport.Row;
import cn.zhenggai.rectification.casework.CaseStarter;
import cn.zhenggai.rectification.problem.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Not a test: a benchmark, run with {@code ./mvnw verify -Pbenchmark}. {@code bench.tasks} open tasks (default 10,000:
 * the plans of 2,000 problems × 5 units, opened through the application) all become overdue at one moment. First,
 * untimed, the engine clock ({@link ClockUtil}) stands still just before the earliest due date: the reminders and due-day
 * notices of the days before the deadline are recorded and sent. Then it moves to just after the latest due date, and
 * the application's job executor runs the sweep process ({@code DeadlineWatch}) as in production: it takes the due
 * yellow cards from the register in batches. Measures the time from then until
 * every yellow-card notice is recorded (the mail poller running alongside, as in production). The delivery rate into a local SMTP server (GreenMail) is measured on a
 * backlog: the mail poller is held while the cases are opened, then the 10,000 new-task mails are sent at once.
 * Checks that each notice is recorded once and each mail delivered exactly once.
 */
@TestPropertySource(properties = "rectification.seeds.problems=src/test/resources/seeds/one-problem.yaml")
class ReminderSweepBenchmark extends PostgresApplicationTest {

  static final int TASKS = Integer.getInteger("bench.tasks", 10_000);
  static final int THREADS = Integer.getInteger("bench.threads", 2);
  static final double RECORDED_GOAL_SECONDS = 60;
  static final double DELIVERY_GOAL = 100;
  private static final String PREFIX = "S";
  private static final String MAIL_POLLER = "mailDelivery";

  static final LocalSmtpServer smtp = new LocalSmtpServer();
  static final CountingMailbox mailbox = smtp.mailbox();

  static {
    smtp.start();
  }

  @AfterAll
  static void stopMailServer() {
    smtp.stop();
  }

  @DynamicPropertySource
  static void mailServer(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "localhost");
    registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
  }

  @Autowired ProcessEngine engine;
  @Autowired CaseStarter starter;
  @Autowired JdbcTemplate jdbc;
  @Autowired ApplicationContext context;
  @Autowired ScheduledAnnotationBeanPostProcessor scheduling;
  @Value("${rectification.mail.poll-interval}") Duration pollInterval;
  @Value("${rectification.deadlines.draft-plan}") Duration draftPlan;
  @Value("${rectification.reminders.sweep-batch}") int sweepBatch;
  @Value("${rectification.reminders.sweep-every}") Duration sweepEvery;

  @Test
  void overdueTasksAreNoticedAndMailed() throws Exception {
    String load = BenchmarkReport.loadAverage();
    int problems = Math.max(1, TASKS / BenchProblems.UNITS.size());
    int tasks = problems * BenchProblems.UNITS.size();
    // a yellow card goes to the unit's secretary and to the supervisor of the organization department
    int expected = 2 * tasks;

    // set-up, and the delivery rate: the new-task notices of all cases queue up while the poller is held
    holdMailPoller();
    long setUp = System.nanoTime();
    open(BenchProblems.of(PREFIX, problems));
    double openSeconds = BenchmarkReport.secondsSince(setUp);
    assertThat(count("NEW_TASK", "PENDING")).isEqualTo(tasks);
    long release = System.nanoTime();
    releaseMailPoller();
    await().atMost(Duration.ofMinutes(30)).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
        .until(() -> count("NEW_TASK", "SENT") == tasks);
    double deliverySeconds = BenchmarkReport.secondsSince(release);
    double deliveryRate = tasks / deliverySeconds;
    assertDeliveredOnce(keys("NEW_TASK"), tasks);
    assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKeyLike(DemoRound.key(PREFIX) + "%").count()).isEqualTo(tasks);

    Date earliestDue = engine.getTaskService().createTaskQuery().processInstanceBusinessKeyLike(DemoRound.key(PREFIX) + "%")
        .orderByDueDate().asc().listPage(0, 1).get(0).getDueDate();
    Date latestDue = engine.getTaskService().createTaskQuery().processInstanceBusinessKeyLike(DemoRound.key(PREFIX) + "%")
        .orderByDueDate().desc().listPage(0, 1).get(0).getDueDate();
    Sweep sweep = new Sweep();
    try {
      // untimed: the days before the deadline, when each task's reminder and due-day notice go out (the clock stands
      // still, so that no task falls due while they are worked off)
      ClockUtil.setCurrentTime(new Date(earliestDue.getTime() - 1000));
      await().atMost(Duration.ofMinutes(30)).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
          .until(() -> engine.getManagementService().createJobQuery().executable().count() == 0 && unsent() == 0);

      // every task overdue at once: the next sweep finds them all
      long due = System.nanoTime();
      ClockUtil.offset(latestDue.getTime() + 1000 - System.currentTimeMillis());
      await().atMost(Duration.ofMinutes(30)).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
          .until(() -> {
            int recorded = count("YELLOW_CARD", null);
            int sent = count("YELLOW_CARD", "SENT");
            sweep.observe(BenchmarkReport.secondsSince(due), recorded, sent, expected);
            return sent >= expected;
          });
      assertThat(engine.getManagementService().createJobQuery().executable().count()).as("due jobs left").isZero();
      assertThat(engine.getManagementService().createJobQuery().withException().count()).as("failed jobs").isZero();
    } finally {
      ClockUtil.reset();
    }
    assertThat(count("BEFORE_DUE", null)).as("reminders").isEqualTo(tasks);
    // (fewer only if the tasks' deadlines straddle the due-day hour: then the late ones had it in the sweep, overdue)
    assertThat(count("DUE_DAY", null)).as("due-day notices").isBetween(1, tasks);
    assertThat(jdbc.queryForObject("select count(*) from case_unit where problem_id like ? and card = 'YELLOW'",
        Integer.class, DemoRound.key(PREFIX) + "%")).isEqualTo(tasks);
    assertDeliveredOnce(keys("YELLOW_CARD"), expected);

    JobExecutor jobs = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
    List<Row> rows = List.of(
        Row.of("reminder sweep: " + tasks + " tasks overdue at once → all " + expected + " notices recorded",
            BenchmarkReport.seconds(sweep.allRecorded), "≤ 60 s", sweep.allRecorded <= RECORDED_GOAL_SECONDS),
        Row.info("reminder sweep: … of which until the idle job executor's first acquisition",
            BenchmarkReport.seconds(sweep.firstRecorded)),
        Row.info("reminder sweep: … all " + expected + " mails delivered", BenchmarkReport.seconds(sweep.allSent)),
        Row.of("mail delivery into a local SMTP server, " + tasks + " queued mails",
            BenchmarkReport.perSecond(deliveryRate, "mails"), "≥ 100 mails/s", deliveryRate >= DELIVERY_GOAL));
    String details = String.format(Locale.ROOT, """
        Set-up: %d problems × %d units opened through the application with %d driver threads in %.0f s, with the mail
        poller held (its scheduled task cancelled and registered again afterwards); the %d new-task notices of those
        tasks then go out at once: **%.1f s, %.1f mails/s** (the delivery rate).

        Before the sweep, untimed: the engine clock stands at 1 s before the earliest plan's due date, and each task's
        reminder and due-day notice of the days before the deadline are recorded and sent.

        The sweep: the engine clock moves to 1 s after the latest plan's due date (%d days ahead): every task's
        yellow card is due at once (%d tasks), the red cards not yet. The sweep process (DeadlineWatch, every %d s) is
        due; the application's job executor, with its own settings (when idle it looks for due jobs every %d to %d s),
        runs it: it takes the due rows from the register in batches of %d, each batch one transaction, while the mail
        poller (every %d s) sends what is recorded to GreenMail, which counts each mail by its notice.

        | from the moment the cards are due | seconds |
        |---|---|
        | first yellow-card notice recorded | %.1f |
        | all %d notices recorded | %.1f |
        | first mail delivered | %.1f |
        | all mails delivered | %.1f |

        Checked: each notice recorded once, each mail delivered exactly once, every task's register row carries a yellow
        card, each task reminded once before its deadline, no job failed.
        """,
        problems, BenchProblems.UNITS.size(), THREADS, openSeconds, tasks, deliverySeconds, deliveryRate,
        draftPlan.toDays(), tasks, sweepEvery.toSeconds(), jobs.getWaitTimeInMillis() / 1000, jobs.getMaxWait() / 1000,
        sweepBatch, pollInterval.toSeconds(),
        sweep.firstRecorded, expected, sweep.allRecorded, sweep.firstSent, sweep.allSent);
    BenchmarkReport.publish("reminder-sweep", "Reminder sweep and mail delivery (ReminderSweepBenchmark)", load, rows, details);
  }

  /** Each notice's mail arrived exactly once, and stays single while the poller keeps running. */
  private void assertDeliveredOnce(List<String> keys, int expected) {
    assertThat(keys).hasSize(expected).doesNotHaveDuplicates();
    assertThat(keys).allSatisfy(key -> assertThat(mailbox.count(key)).as("mails of %s", key).isEqualTo(1));
    await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(20))
        .until(() -> keys.stream().allMatch(key -> mailbox.count(key) == 1));
  }

  /** Stops the application's mail poller (MailDelivery's @Scheduled task) once its current round is done. */
  private void holdMailPoller() {
    scheduling.postProcessBeforeDestruction(context.getBean(MAIL_POLLER), MAIL_POLLER);
    await().atMost(Duration.ofMinutes(1)).until(() -> jdbc.queryForObject(
        "select count(*) from notification where status = 'SENDING'", Integer.class) == 0);
  }

  /** Schedules the poller again, as at start-up: its first round starts at once. */
  private void releaseMailPoller() {
    scheduling.postProcessAfterInitialization(context.getBean(MAIL_POLLER), MAIL_POLLER);
  }

  /** Opens the cases with the driver threads, one case per call, as the seed loader does. */
  private void open(List<Problem> problems) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> slices = new ArrayList<>();
      for (List<Problem> slice : BenchProblems.slices(problems, THREADS)) {
        slices.add(pool.submit(() -> slice.forEach(problem -> starter.startIfNew(DemoRound.opening(problem)))));
      }
      for (Future<?> slice : slices) {
        slice.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private int unsent() {
    return jdbc.queryForObject("select count(*) from notification where status in ('PENDING', 'SENDING')", Integer.class);
  }

  private List<String> keys(String kind) {
    return jdbc.queryForList("select dedup_key from notification where kind = ? and problem_id like ?", String.class, kind,
        DemoRound.key(PREFIX) + "%");
  }

  private int count(String kind, String status) {
    return status == null
        ? jdbc.queryForObject("select count(*) from notification where kind = ? and problem_id like ?", Integer.class,
            kind, DemoRound.key(PREFIX) + "%")
        : jdbc.queryForObject("select count(*) from notification where kind = ? and status = ? and problem_id like ?",
            Integer.class, kind, status, DemoRound.key(PREFIX) + "%");
  }

  /** Progress of the sweep, in seconds from the moment the cards are due. */
  private static final class Sweep {
    double firstRecorded = Double.NaN;
    double allRecorded = Double.NaN;
    double firstSent = Double.NaN;
    double allSent = Double.NaN;

    void observe(double at, int recorded, int sent, int expected) {
      if (recorded > 0 && Double.isNaN(firstRecorded)) {
        firstRecorded = at;
      }
      if (recorded >= expected && Double.isNaN(allRecorded)) {
        allRecorded = at;
      }
      if (sent > 0 && Double.isNaN(firstSent)) {
        firstSent = at;
      }
      if (sent >= expected && Double.isNaN(allSent)) {
        allSent = at;
      }
    }
  }
}
