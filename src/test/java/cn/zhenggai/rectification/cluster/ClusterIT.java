package cn.zhenggai.rectification.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.FreePort;
import cn.zhenggai.rectification.casework.RegisterAgreement;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two application nodes, each its own JVM running the packaged jar, on one PostgreSQL server and one mail server
 * (GreenMail), with deadlines in seconds and minutes: a draft plan is due 10 minutes after its case opens, reminded
 * 40 s and 20 s before, yellow card at the deadline, red 10 s after it, by the sweep that runs every 2 s; a plan review
 * is due after 60 s. The steps
 * build on each other: start together, lose a node to {@code kill -9} in the middle of the reminders, lose the
 * database for a while, publish one round from both nodes at once.
 */
@Tag("cluster")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

  static final List<String> DEADLINE_NOTICES = List.of("BEFORE_DUE", "DUE_DAY", "YELLOW_CARD", "RED_CARD");

  ClusterPostgres postgres;
  GreenMail smtp;
  JdbcTemplate jdbc;
  AppNode nodeA;
  AppNode nodeB;

  @BeforeAll
  void startDatabaseAndMailServer() throws Exception {
    postgres = new ClusterPostgres();
    jdbc = new JdbcTemplate(postgres.dataSource());
    smtp = new GreenMail(new ServerSetup(FreePort.next(), "localhost", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    List<String> settings = List.of(
        "--spring.profiles.active=postgres,demo",
        "--spring.datasource.url=" + postgres.jdbcUrl(),
        "--spring.datasource.username=postgres",
        "--spring.datasource.password=",
        "--spring.mail.host=localhost",
        "--spring.mail.port=" + smtp.getSmtp().getPort(),
        "--rectification.deadlines.draft-plan=PT10M",
        "--rectification.deadlines.review-plan=PT60S",
        "--rectification.reminders.before-due=PT40S",
        "--rectification.escalation.red-after=PT10S",
        "--rectification.reminders.sweep-every=PT2S",
        "--rectification.mail.poll-interval=PT1S",
        "--rectification.mail.retry-backoff=PT1S",
        "--rectification.mail.max-attempts=100",
        "--rectification.mail.claim-timeout=PT5S",
        // a dead node's jobs come free after 5 s; each node takes up to 20 due jobs at a time and works them one by
        // one, so a node killed in a burst of timers leaves jobs locked behind
        "--camunda.bpm.job-execution.lock-time-in-millis=5000",
        "--camunda.bpm.job-execution.max-wait=1000",
        "--camunda.bpm.job-execution.max-jobs-per-acquisition=20",
        "--camunda.bpm.job-execution.core-pool-size=1",
        "--camunda.bpm.job-execution.max-pool-size=1");
    nodeA = new AppNode("node-a", settings);
    nodeB = new AppNode("node-b", settings);
  }

  @AfterAll
  void stopEverything() throws Exception {
    for (AppNode node : new AppNode[] {nodeA, nodeB}) {
      if (node != null) {
        node.stop();
      }
    }
    if (smtp != null) {
      smtp.stop();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  @Order(1)
  void twoNodesStartingTogetherOnAnEmptyDatabaseSetEverythingUpOnce() throws Exception {
    nodeA.start();
    nodeB.start();
    await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
        .until(() -> nodeA.isReady() && nodeB.isReady());

    long problems = Files.readAllLines(Path.of("seeds", "problems.yaml")).stream().filter(l -> l.startsWith("  - id: ")).count();
    assertThat(seededBy(nodeA) + seededBy(nodeB)).as("cases opened by the two nodes together").isEqualTo(problems);
    assertThat(count("select count(*) from case_problem")).isEqualTo(problems);
    assertThat(count("select count(*) from act_ru_execution where parent_id_ is null and proc_def_key_ = 'RectificationCase'"))
        .isEqualTo(problems);
    assertThat(count("select count(*) from case_unit"))
        .isEqualTo(count("select count(*) from act_ru_execution where parent_id_ is null and proc_def_key_ = ?",
            UnitRectificationProcess.KEY))
        .isEqualTo(35);
    assertThat(jdbc.queryForList("select key_ from act_re_procdef group by key_ having count(*) > 1"))
        .as("each process deployed once").isEmpty();
    assertThat(count("select count(*) from act_re_procdef")).as("the two case diagrams, the sweep and the night's cleanup")
        .isEqualTo(4);
    assertThat(jdbc.queryForList("select name_ from act_ru_filter group by name_, owner_ having count(*) > 1"))
        .as("Tasklist filters").isEmpty();
    assertThat(count("select count(*) from act_ru_filter")).isPositive();
    assertThat(count("select count(*) from act_id_user where id_ = 'sec-chengguan'")).isEqualTo(1);
    assertThat(jdbc.queryForList("select resource_type_, resource_id_, group_id_, user_id_ from act_ru_authorization"
        + " group by resource_type_, resource_id_, group_id_, user_id_ having count(*) > 1")).as("authorizations").isEmpty();
    assertThat(new RegisterAgreement(jdbc).check().mismatches()).isEmpty();
  }

  @Test
  @Order(2)
  void aNodeKilledInTheMiddleOfTheRemindersLosesNothingAndNoReminderGoesTwice() throws Exception {
    // the clock moves on so that every plan's first reminder falls due at once, however long the start took: every
    // task's due date and its next notice in the register come earlier by the same amount, so they keep their order
    // and spacing. Node B stands still meanwhile, so that node A runs the sweep; else which node runs it is a race.
    nodeB.pause();
    String shift = "(select max(next_notice_at) - localtimestamp from case_unit where next_notice is not null)";
    jdbc.update("update act_ru_task set due_date_ = due_date_ - " + shift + " where due_date_ is not null");
    jdbc.update("update case_unit set due_at = due_at - " + shift + ", next_notice_at = next_notice_at - " + shift
        + " where next_notice is not null");
    // kill node A while it holds the sweep's job
    try {
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
          .until(() -> count("select count(*) from act_ru_job where lock_owner_ = 'node-a' and lock_exp_time_ > now()"
              + " and process_def_key_ = 'DeadlineWatch'") >= 1);
      nodeA.kill();
    } finally {
      nodeB.resume();
    }
    List<String> orphaned = jdbc.queryForList("select id_ from act_ru_job where lock_owner_ = 'node-a'", String.class);
    assertThat(orphaned).as("jobs node A had locked and not finished").isNotEmpty();

    await().atMost(Duration.ofSeconds(60))
        .until(() -> count("select count(*) from act_ru_job where id_ in (" + quoted(orphaned) + ")") == 0);
    assertThat(count("select count(*) from act_ru_job where lock_owner_ = 'node-a'")).isZero();

    // every draft task's four deadline notices recorded, all of them sent
    long draftTasks = count("select count(*) from act_ru_task where task_def_key_ = ?", UnitRectificationProcess.TASK_DRAFT_PLAN);
    // on failure the figures say what was missing: notices by kind and anything not sent, with its last error
    await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      assertThat(jdbc.queryForList("select kind, count(distinct task_id) as tasks from notification where kind in"
          + " ('BEFORE_DUE', 'DUE_DAY', 'YELLOW_CARD', 'RED_CARD') group by kind order by kind"))
          .as("draft tasks with each deadline notice; the register's schedule %s; the sweep's jobs %s",
              jdbc.queryForList("select next_notice, count(*) as tasks, min(next_notice_at) as first,"
                  + " max(next_notice_at) as last, localtimestamp as now from case_unit group by next_notice"),
              jdbc.queryForList("select id_, duedate_, lock_owner_, lock_exp_time_, retries_, exception_msg_"
                  + " from act_ru_job where process_def_key_ = 'DeadlineWatch'"))
          .hasSize(DEADLINE_NOTICES.size())
          .allSatisfy(kind -> assertThat(((Number) kind.get("tasks")).longValue()).as(kind.toString()).isEqualTo(draftTasks));
      assertThat(jdbc.queryForList("select kind, status, recipient_id, attempts, last_error from notification"
          + " where status <> 'SENT'")).as("notices not sent").isEmpty();
    });
    assertThat(count("select count(*) from act_ru_job where process_instance_id_ is not null")).as("no timer left behind")
        .isZero();

    // each recorded notice arrived once; twice only if the killed node was sending it when it died
    Map<String, Long> received = receivedMail();
    List<Map<String, Object>> sent = jdbc.queryForList("select recipient_email, subject, attempts from notification");
    for (Map<String, Object> notice : sent) {
      long copies = received.getOrDefault(notice.get("recipient_email") + " " + notice.get("subject"), 0L);
      assertThat(copies).as("copies of %s", notice).isBetween(1L, ((Number) notice.get("attempts")).intValue() > 1 ? 2L : 1L);
    }
    assertThat(received.values().stream().mapToLong(Long::longValue).sum()).as("mails in all")
        .isBetween((long) sent.size(), (long) sent.size() + count("select count(*) from notification where attempts > 1"));
    assertThat(new RegisterAgreement(jdbc).check().mismatches()).isEmpty();

    // the node comes back and joins in, without opening anything again
    nodeA.start();
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(nodeA::isReady);
    assertThat(seededBy(nodeA)).as("cases opened on the restart").isZero();
  }

  @Test
  @Order(3)
  void whileTheDatabaseIsDownACompletionIsRefusedClearlyAndAfterwardsEverythingCarriesOn() throws Exception {
    String businessKey = UnitRectificationProcess.businessKey(DemoRound.key("1.1"), "street-chengguan");
    String task = jdbc.queryForObject("select t.id_ from act_ru_task t join act_ru_execution e on e.id_ = t.proc_inst_id_"
        + " where e.business_key_ = ?", String.class, businessKey);
    assertThat(nodeB.post("/engine-rest/task/" + task + "/claim", "sec-chengguan", "{\"userId\":\"sec-chengguan\"}").statusCode())
        .isEqualTo(204);
    String plan = "{\"variables\":{"
        + "\"planMeasures\":{\"value\":\"每月开展一次专题学习\",\"type\":\"String\"},"
        + "\"planResponsiblePerson\":{\"value\":\"李卫东\",\"type\":\"String\"},"
        + "\"planTargetDate\":{\"value\":\"2027-03-31\",\"type\":\"String\"}}}";

    TasklistSession tasklist = new TasklistSession(nodeA, "sec-chengguan");
    String events = "select count(*) from case_event where problem_id = '2022-SZPY/1.1' and unit_id = 'street-chengguan'";
    long eventsBefore = count(events);
    postgres.stop();
    List<HttpResponse<String>> refusals = new ArrayList<>();
    refusals.add(tasklist.completeTask(task, plan)); // the secretary in Tasklist
    for (AppNode node : List.of(nodeA, nodeB)) {
      refusals.add(node.post("/engine-rest/task/" + task + "/complete", "sec-chengguan", plan)); // an API client
    }
    postgres.start();
    for (HttpResponse<String> refused : refusals) {
      assertThat(refused.statusCode()).as(refused.uri().toString()).isEqualTo(503);
      assertThat(refused.body()).contains("数据库暂时无法连接，本次操作没有保存");
    }

    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
        .until(() -> nodeA.isServing() && nodeB.isServing());
    assertThat(jdbc.queryForObject("select stage from case_unit where problem_id = '2022-SZPY/1.1' and unit_id = 'street-chengguan'",
        String.class)).as("nothing written by the refused completion").isEqualTo("DRAFT_PLAN");
    assertThat(count(events)).isEqualTo(eventsBefore);

    assertThat(nodeA.post("/engine-rest/task/" + task + "/complete", "sec-chengguan", plan).statusCode()).isEqualTo(204);
    String review = jdbc.queryForObject("select t.id_ from act_ru_task t join act_ru_execution e on e.id_ = t.proc_inst_id_"
        + " where e.business_key_ = ?", String.class, businessKey);
    // the job executors and the mail senders have recovered: the review's first reminder comes and goes out
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() ->
        count("select count(*) from notification where task_id = ? and kind = 'BEFORE_DUE' and status = 'SENT'", review) > 0);
    String reminder = jdbc.queryForObject("select subject from notification where task_id = ? and kind = 'BEFORE_DUE'",
        String.class, review);
    assertThat(receivedMail()).containsEntry("sup-orgdept@example.org " + reminder, 1L);
    assertThat(new RegisterAgreement(jdbc).check().mismatches()).isEmpty();
  }

  @Test
  @Order(4)
  void aRoundPublishedOnBothNodesAtTheSameMomentOpensEachCaseOnce() throws Exception {
    String created = nodeA.post("/api/rounds", "sup-orgdept", "{\"name\":\"2024年专项督查\",\"kind\":\"专项督查\","
        + "\"heldOn\":\"2024-07-01\",\"defaultDeadline\":\"2027-12-31\"}").body();
    assertThat(created).contains("\"code\":\"2024-ZXDC\"");
    StringBuilder problems = new StringBuilder("[");
    for (int i = 1; i <= 6; i++) {
      problems.append(i == 1 ? "" : ",").append("{\"number\":\"1.").append(i).append("\",\"category\":\"组织生活\",")
          .append("\"title\":\"专项督查问题 ").append(i).append("\",\"source\":\"原文 ").append(i).append("\",")
          .append("\"units\":[\"street-chengguan\",\"organs\"],\"supervisors\":[\"org-dept\"],\"deadline\":\"2027-12-31\"}");
    }
    HttpResponse<String> saved = nodeB.put("/api/rounds/2024-ZXDC/problems", "sup-orgdept", problems.append("]").toString());
    assertThat(saved.body()).as("nothing left to correct").isEqualTo("[]");
    long problemCount = 6;

    List<CompletableFuture<HttpResponse<String>>> presses = new ArrayList<>();
    for (AppNode node : List.of(nodeA, nodeB)) {
      presses.add(CompletableFuture.supplyAsync(() -> {
        try {
          return node.post("/api/rounds/2024-ZXDC/publish", "sup-orgdept", "{}");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }));
    }
    List<Integer> statuses = new ArrayList<>();
    for (CompletableFuture<HttpResponse<String>> press : presses) {
      statuses.add(press.get(2, TimeUnit.MINUTES).statusCode());
    }
    assertThat(statuses).as("one publish; the other finds it published").containsExactlyInAnyOrder(200, 409);
    assertThat(count("select count(*) from case_problem where round_code = '2024-ZXDC'")).isEqualTo(problemCount);
    assertThat(count("select count(*) from case_unit where problem_id like '2024-ZXDC/%'")).isEqualTo(problemCount * 2);
    assertThat(count("select count(*) from act_ru_execution where parent_id_ is null and business_key_ like '2024-ZXDC/%'"))
        .isEqualTo(problemCount * 3);
    assertThat(new RegisterAgreement(jdbc).check().mismatches()).isEmpty();
  }

  private long count(String sql, Object... arguments) {
    return jdbc.queryForObject(sql, Long.class, arguments);
  }

  /** Cases the node opened at its last start, from its log. */
  private static long seededBy(AppNode node) throws IOException {
    return node.casesOpened().orElseThrow(() -> new AssertionError(node.name + " did not log its seeding"));
  }

  /** Mails received, counted by recipient and subject. */
  private Map<String, Long> receivedMail() throws MessagingException {
    List<String> keys = new ArrayList<>();
    for (Message message : smtp.getReceivedMessages()) {
      keys.add(((InternetAddress) message.getAllRecipients()[0]).getAddress() + " " + message.getSubject());
    }
    return keys.stream().collect(Collectors.groupingBy(Function.identity(), HashMap::new, Collectors.counting()));
  }

  private static String quoted(List<String> ids) {
    return ids.stream().map(id -> "'" + id.replace("'", "''") + "'").collect(Collectors.joining(","));
  }
}
