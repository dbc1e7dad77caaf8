package cn.zhenggai.rectification.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.TestMailServer;
import cn.zhenggai.rectification.casework.CaseDriver;
import cn.zhenggai.rectification.evidence.EvidenceUploads;
import cn.zhenggai.rectification.vocabulary.DeadlineWatchProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The meters at {@code /actuator/prometheus} and the health details on the seeded cases driven to known states, with a
 * real mail server (GreenMail): items in every working stage, four overdue (their due dates moved into the past), three
 * yellow cards and a red one, a notice that failed, a job with no retries left (and its incident), the sweep's job due
 * and still held by a node that has gone.
 */
@AutoConfigureObservability(tracing = false) // Spring's tests leave out the Prometheus registry unless asked
class MetersAndHealthIT extends PostgresApplicationTest {

  @RegisterExtension static final TestMailServer smtp = new TestMailServer();
  static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
  static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  @DynamicPropertySource
  static void mailServerAndFreshFigures(DynamicPropertyRegistry registry) {
    smtp.configure(registry);
    registry.add("rectification.mail.poll-interval", () -> "PT1S");
    registry.add("rectification.mail.max-attempts", () -> "1"); // a notice that cannot be sent fails at once
    registry.add("rectification.operations.figures-max-age", () -> "PT1S");
    registry.add("rectification.reminders.sweep-every", () -> "PT1S"); // the notices of a moved due date come at once
    // the nightly history cleanup job is not due while the figures are read, whatever the time of day
    LocalTime later = LocalTime.now().plusHours(12);
    registry.add("camunda.bpm.generic-properties.properties.history-cleanup-batch-window-start-time",
        () -> later.format(DateTimeFormatter.ofPattern("HH:mm")));
    registry.add("camunda.bpm.generic-properties.properties.history-cleanup-batch-window-end-time",
        () -> later.plusHours(1).format(DateTimeFormatter.ofPattern("HH:mm")));
  }

  @Autowired ProcessEngine engine;
  @Autowired EvidenceUploads evidence;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate anonymous;
  static boolean driven;

  @BeforeEach
  void knownStates() {
    if (driven) {
      return;
    }
    CaseDriver driver = new CaseDriver(engine, evidence);
    ManagementService management = engine.getManagementService();
    awaitNoticesSettled(); // the 35 new-task notices of the seeded cases are sent

    // the mail server is down when one reminder goes out (a due date moved into the reminder window: the next sweep
    // sends it), and one attempt is all a notice gets here
    smtp.stop();
    try {
      dueIn(driver.unitTask("4.1", "education"), Duration.ofHours(60));
      await().atMost(Duration.ofSeconds(30))
          .until(() -> count("select count(*) from notification where status = 'FAILED'") == 1);
    } finally {
      smtp.start();
    }

    driver.submitPlan("2.1", "street-chengguan", "sec-chengguan"); // review
    driver.submitPlan("2.1", "street-dongcheng", "sec-dongcheng");
    driver.reviewPlan("2.1", "street-dongcheng", "sup-orgdept", true, null);
    driver.submitReport("2.1", "street-dongcheng", "sec-dongcheng"); // acceptance
    driver.submitPlan("2.1", "street-xicheng", "sec-xicheng");
    driver.reviewPlan("2.1", "street-xicheng", "sup-orgdept", true, null); // rectification
    for (String unit : List.of("street-chengguan", "street-dongcheng", "street-xicheng")) {
      String secretary = "sec-" + unit.substring("street-".length());
      driver.submitPlan("2.2", unit, secretary);
      driver.reviewPlan("2.2", unit, "sup-orgdept", true, null);
      driver.submitReport("2.2", unit, secretary);
      driver.acceptRectification("2.2", unit, "sup-orgdept", true, null);
    }
    // the units' rectifications join asynchronously; then the problem waits for its closure
    await().atMost(Duration.ofSeconds(60)).until(() -> driver.closureTask("2.2") != null);

    // a supervisor moves due dates into the past: the sweep raises the cards by the new dates
    for (Task task : List.of(driver.unitTask("1.1", "street-chengguan"), driver.unitTask("3.1", "street-chengguan"),
        driver.unitTask("2.1", "street-chengguan"))) {
      dueIn(task, Duration.ofDays(-1));
    }
    dueIn(driver.unitTask("1.1", "street-dongcheng"), Duration.ofDays(-8)); // past red-after (P7D): the red card too
    await().atMost(Duration.ofSeconds(60)).until(() -> count("select count(*) from notification where kind = 'RED_CARD'") == 3
        && count("select count(*) from notification where kind = 'YELLOW_CARD'") == 7);

    // with the job executor held: a unit's join that no node will run again (no retries left), and the sweep job,
    // due, still held by a node that has gone
    JobExecutor jobs = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
    jobs.shutdown();
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from act_ru_job where lock_owner_ is not null") == 0);
      driver.submitPlan("2.3", "street-chengguan", "sec-chengguan");
      driver.reviewPlan("2.3", "street-chengguan", "sup-orgdept", true, null);
      driver.submitReport("2.3", "street-chengguan", "sec-chengguan");
      driver.acceptRectification("2.3", "street-chengguan", "sup-orgdept", true, null);
      String caseOf23 = engine.getRuntimeService().createProcessInstanceQuery()
          .processInstanceBusinessKey(DemoRound.key("2.3")).singleResult().getId();
      management.setJobRetries(management.createJobQuery().processInstanceId(caseOf23).singleResult().getId(), 0);
      jdbc.update("update act_ru_job set duedate_ = localtimestamp - interval '1 minute', lock_owner_ = 'node-gone',"
          + " lock_exp_time_ = localtimestamp + interval '1 hour' where id_ = ?",
          management.createJobQuery().processDefinitionKey(DeadlineWatchProcess.KEY).singleResult().getId());
    } finally {
      jobs.start();
    }

    awaitNoticesSettled();
    driven = true;
  }

  @Test
  void everyGaugeHasTheValueOfTheKnownStates() {
    Map<String, Double> expected = new LinkedHashMap<>();
    for (String stage : List.of("DRAFT_PLAN", "REVIEW_PLAN", "RECTIFY", "ACCEPT_RECTIFICATION", "CONFIRM_CLOSURE")) {
      expected.put(series("rectification_items_open", "stage", stage), 0.0);
      expected.put(series("rectification_items_overdue", "stage", stage), 0.0);
      expected.put(series("rectification_items_cards", "card", "RED", "stage", stage), 0.0);
      expected.put(series("rectification_items_cards", "card", "YELLOW", "stage", stage), 0.0);
    }
    for (String kind : List.of("NEW_TASK", "BEFORE_DUE", "DUE_DAY", "YELLOW_CARD", "RED_CARD", "EXTENSION_ASKED",
        "EXTENSION_RULED", "DIGEST")) {
      for (String status : List.of("PENDING", "SENDING", "SENT", "FAILED", "NOT_SENT", "IN_DIGEST", "DIGESTED")) {
        expected.put(series("rectification_notices", "kind", kind, "status", status), 0.0);
      }
    }
    // 9 problems, 35 units: 1.1 and 2.3 to 4.2 drafting but 2.3's first unit, accepted; 2.1 one unit in each later
    // stage; 2.2 accepted, closing
    expected.put(series("rectification_items_open", "stage", "DRAFT_PLAN"), 28.0);
    expected.put(series("rectification_items_open", "stage", "REVIEW_PLAN"), 1.0);
    expected.put(series("rectification_items_open", "stage", "RECTIFY"), 1.0);
    expected.put(series("rectification_items_open", "stage", "ACCEPT_RECTIFICATION"), 1.0);
    expected.put(series("rectification_items_open", "stage", "CONFIRM_CLOSURE"), 1.0);
    expected.put(series("rectification_items_overdue", "stage", "DRAFT_PLAN"), 3.0);
    expected.put(series("rectification_items_overdue", "stage", "REVIEW_PLAN"), 1.0);
    expected.put(series("rectification_items_cards", "card", "YELLOW", "stage", "DRAFT_PLAN"), 2.0);
    expected.put(series("rectification_items_cards", "card", "YELLOW", "stage", "REVIEW_PLAN"), 1.0);
    expected.put(series("rectification_items_cards", "card", "RED", "stage", "DRAFT_PLAN"), 1.0);
    // 35 new tasks at seeding, 6 rectifications begun (2.1 twice, 2.2 three times, 2.3 once)
    expected.put(series("rectification_notices", "kind", "NEW_TASK", "status", "SENT"), 41.0);
    expected.put(series("rectification_notices", "kind", "BEFORE_DUE", "status", "FAILED"), 1.0);
    // three plans' yellow cards to the secretary and the organization department each, the review's to the
    // organization department; the red one to the leader as well
    expected.put(series("rectification_notices", "kind", "YELLOW_CARD", "status", "SENT"), 7.0);
    expected.put(series("rectification_notices", "kind", "RED_CARD", "status", "SENT"), 3.0);
    expected.put(series("rectification_jobs_due"), 1.0);
    expected.put(series("rectification_jobs_failed"), 1.0);
    expected.put(series("rectification_incidents"), 1.0);

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      Map<String, Double> scraped = rectificationSeries(scrape());
      assertThat(scraped).containsExactlyInAnyOrderEntriesOf(expected);
    });
  }

  @Test
  void requestTimingsAreSpringsOwnAndTheDashboardUsesOnlyMetersThatExist() throws Exception {
    assertThat(anonymous.withBasicAuth("sup-orgdept", "demo").getForEntity("/api/cases", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    String scrape = scrape();
    assertThat(scrape).containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/api/cases\"[^}]*} [1-9]")
        .contains("http_server_requests_seconds_bucket{");

    JsonNode dashboard = new ObjectMapper().readTree(Path.of("operations", "grafana-dashboard.json").toFile());
    TreeSet<String> used = new TreeSet<>();
    for (JsonNode expression : dashboard.findValues("expr")) {
      Matcher names = Pattern.compile("\\b(rectification_[a-z_]+|http_server_requests_seconds_[a-z]+)\\b")
          .matcher(expression.asText());
      while (names.find()) {
        used.add(names.group(1));
      }
    }
    assertThat(used).isNotEmpty();
    TreeSet<String> exposed = new TreeSet<>();
    scrape.lines().map(SAMPLE::matcher).filter(Matcher::matches).forEach(sample -> exposed.add(sample.group(1)));
    assertThat(exposed).containsAll(used);
  }

  @Test
  void theMetersAreForAdministratorsOnly() {
    assertThat(anonymous.getForEntity("/actuator/prometheus", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(anonymous.withBasicAuth("sec-chengguan", "demo").getForEntity("/actuator/prometheus", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(anonymous.withBasicAuth("sup-orgdept", "demo").getForEntity("/actuator/prometheus", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    for (String path : List.of("/actuator", "/actuator/metrics", "/actuator/health/db", "/actuator/health/readiness/db")) {
      assertThat(anonymous.getForEntity(path, String.class).getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
      assertThat(anonymous.withBasicAuth("sec-chengguan", "demo").getForEntity(path, String.class).getStatusCode())
          .as(path).isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(anonymous.withBasicAuth("admin", "demo").getForEntity("/actuator/metrics", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void anAdministratorSeesTheDetailsOfTheDatabaseTheMailServerAndTheJobExecutor() {
    ResponseEntity<JsonNode> response = anonymous.withBasicAuth("admin", "demo").getForEntity("/actuator/health", JsonNode.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode components = response.getBody().get("components");
    assertThat(response.getBody().get("status").asText()).isEqualTo("UP");
    assertThat(components.get("db").get("status").asText()).isEqualTo("UP");
    assertThat(components.get("db").get("details").get("database").asText()).isEqualTo("PostgreSQL");
    JsonNode mail = components.get("mail");
    assertThat(mail.get("status").asText()).isEqualTo("UP");
    assertThat(mail.get("details").get("reachable").asBoolean()).isTrue();
    assertThat(mail.get("details").get("server").asText()).isEqualTo("localhost:" + smtp.getSmtp().getPort());
    JsonNode jobExecutor = components.get("jobExecutor");
    assertThat(jobExecutor.get("status").asText()).isEqualTo("UP");
    assertThat(jobExecutor.get("details").get("running").asBoolean()).isTrue();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      JsonNode details = anonymous.withBasicAuth("admin", "demo").getForEntity("/actuator/health", JsonNode.class).getBody()
          .get("components").get("jobExecutor").get("details");
      assertThat(details.get("dueJobs").asLong()).isEqualTo(1);
      assertThat(details.get("failedJobs").asLong()).isEqualTo(1);
      assertThat(details.get("incidents").asLong()).as("one failure, although also recorded in the calling process")
          .isEqualTo(1);
    });
    assertThat(anonymous.withBasicAuth("admin", "demo").getForEntity("/actuator/health/readiness", JsonNode.class)
        .getBody().get("components").fieldNames()).toIterable().containsExactlyInAnyOrder("db", "readinessState");
  }

  @Test
  void everybodyElseSeesOnlyTheStatus() {
    for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
      ResponseEntity<JsonNode> response = anonymous.getForEntity(path, JsonNode.class);
      assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
      assertThat(response.getBody().get("status").asText()).as(path).isEqualTo("UP");
      assertThat(response.getBody().has("components")).as(path).isFalse();
      assertThat(response.getBody().has("details")).as(path).isFalse();
    }
    ResponseEntity<JsonNode> secretary = anonymous.withBasicAuth("sec-chengguan", "demo").getForEntity("/actuator/health", JsonNode.class);
    assertThat(secretary.getBody().has("components")).isFalse();
  }

  private String scrape() {
    ResponseEntity<String> response = anonymous.withBasicAuth("admin", "demo").getForEntity("/actuator/prometheus", String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }

  /** The product's own series of a scrape, each as "name{label="value",…}" (labels sorted, without application). */
  private static Map<String, Double> rectificationSeries(String scrape) {
    Map<String, Double> series = new LinkedHashMap<>();
    scrape.lines().map(SAMPLE::matcher).filter(Matcher::matches).filter(sample -> sample.group(1).startsWith("rectification_"))
        .forEach(sample -> {
          List<String> labels = new ArrayList<>();
          Matcher label = LABEL.matcher(sample.group(2) == null ? "" : sample.group(2));
          while (label.find()) {
            if (!label.group(1).equals("application")) {
              labels.add(label.group(1));
              labels.add(label.group(2));
            }
          }
          series.put(series(sample.group(1), labels.toArray(String[]::new)), Double.parseDouble(sample.group(3)));
        });
    return series;
  }

  /** A series' key: its name and its labels, given and kept in alphabetical order of the label names. */
  private static String series(String name, String... labels) {
    StringBuilder key = new StringBuilder(name).append('{');
    for (int i = 0; i < labels.length; i += 2) {
      key.append(i == 0 ? "" : ",").append(labels[i]).append("=\"").append(labels[i + 1]).append('"');
    }
    return key.append('}').toString();
  }

  /** A supervisor moved the task's due date by that much from now (into the past for a negative amount). */
  private void dueIn(Task task, Duration from) {
    TaskService tasks = engine.getTaskService();
    task.setDueDate(new Date(System.currentTimeMillis() + from.toMillis()));
    tasks.saveTask(task);
  }

  private void awaitNoticesSettled() {
    await().atMost(Duration.ofSeconds(60))
        .until(() -> count("select count(*) from notification where status in ('PENDING', 'SENDING')") == 0);
  }

  private long count(String sql) {
    return jdbc.queryForObject(sql, Long.class);
  }
}
