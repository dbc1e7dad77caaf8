package cn.zhenggai.rectification.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.evidence.EvidenceUploads;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * Problem 2.1 of the real seeds, driven to closure on PostgreSQL through the Camunda Java API as its users work it,
 * with the case register checked through {@code /api/cases/2.1} after every step.
 */
class CaseLifecycleIT extends PostgresApplicationTest {

  private static final List<String> SEEDED = List.of("1.1", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "4.1", "4.2");

  @Autowired ProcessEngine engine;
  @Autowired EvidenceUploads evidence;
  @Autowired TestRestTemplate http;
  CaseDriver driver;

  @BeforeEach
  void setUp() {
    driver = new CaseDriver(engine, evidence);
    http = http.withBasicAuth("sup-orgdept", "demo");
  }

  @Test
  void theSecretaryOfChengguanHasAPlanToDraftForEachOfTheNineProblems() {
    List<Task> tasks = engine.getTaskService().createTaskQuery().taskCandidateUser("sec-chengguan")
        .taskDefinitionKey(UnitRectificationProcess.TASK_DRAFT_PLAN).list();

    assertThat(tasks).extracting(Task::getName).allMatch(name -> name.startsWith("制定整改方案 · ") && name.endsWith(" · 城关街道党工委"));
    assertThat(tasks.stream().map(this::businessKey).toList())
        .containsAll(SEEDED.stream().map(id -> DemoRound.key(id) + "/street-chengguan").toList());
    JsonNode cases = http.getForObject("/api/cases", JsonNode.class);
    assertThat(StreamSupport.stream(cases.spliterator(), false).map(c -> c.get("problemId").asText()))
        .containsAll(SEEDED.stream().map(DemoRound::key).toList());
  }

  @Test
  void problem21IsWorkedByTheThreeStreetsAndClosed() throws Exception {
    String[] streets = {"street-chengguan", "street-dongcheng", "street-xicheng"};
    for (String street : streets) {
      assertUnit(street, "DRAFT_PLAN", "OPEN");
      driver.submitPlan("2.1", street, secretaryOf(street));
      assertUnit(street, "REVIEW_PLAN", "OPEN");
    }

    driver.reviewPlan("2.1", "street-chengguan", "sup-orgdept", false, "请补充社区党组织服务群众的具体举措");
    assertUnit("street-chengguan", "DRAFT_PLAN", "OPEN");
    assertThat(unit("street-chengguan").get("planReturns").asInt()).isEqualTo(1);
    driver.submitPlan("2.1", "street-chengguan", "sec-chengguan");

    for (String street : streets) {
      driver.reviewPlan("2.1", street, "sup-orgdept", true, null);
      assertUnit(street, "RECTIFY", "OPEN");
      assertThat(unit(street).get("dueAt").asText()).isEqualTo("2027-04-30T15:59:59Z");
      driver.submitReport("2.1", street, secretaryOf(street));
      assertUnit(street, "ACCEPT_RECTIFICATION", "OPEN");
    }

    driver.acceptRectification("2.1", "street-chengguan", "sup-orgdept", true, null);
    assertUnit("street-chengguan", "ACCEPTED", "CLOSED");
    bothAcceptAtTheSameMoment("street-dongcheng", "street-xicheng");
    assertUnit("street-dongcheng", "ACCEPTED", "CLOSED");
    assertUnit("street-xicheng", "ACCEPTED", "CLOSED");

    await().atMost(Duration.ofSeconds(30)).until(() -> driver.closureTask("2.1") != null);
    assertThat(problem().get("summary").get("stage").asText()).isEqualTo("CONFIRM_CLOSURE");
    assertThat(problem().get("summary").get("unitsAccepted").asInt()).isEqualTo(3);
    driver.confirmClosure("2.1", "sup-orgdept");

    JsonNode closed = problem().get("summary");
    assertThat(closed.get("stage").asText()).isEqualTo("CLOSED");
    assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
    assertThat(closed.get("closedAt").isNull()).isFalse();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKeyLike("2.1%").count())
        .isZero();
    assertThat(problem().get("timeline").size()).isEqualTo(14);
  }

  /** Two supervisors accept two units of one problem at once: both must succeed (the engine joins them later). */
  private void bothAcceptAtTheSameMoment(String first, String second) throws Exception {
    CyclicBarrier together = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CompletableFuture<Void> a = CompletableFuture.runAsync(() -> acceptAfter(together, first), pool);
      CompletableFuture<Void> b = CompletableFuture.runAsync(() -> acceptAfter(together, second), pool);
      CompletableFuture.allOf(a, b).get();
    } finally {
      pool.shutdown();
    }
  }

  private void acceptAfter(CyclicBarrier together, String street) {
    Task task = driver.unitTask("2.1", street);
    try {
      together.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    driver.completeAs("sup-orgdept", task, CaseDriver.decision(UnitRectificationProcess.RECTIFICATION_ACCEPTED, true, null));
  }

  private void assertUnit(String street, String stage, String status) {
    JsonNode unit = unit(street);
    assertThat(unit.get("stage").asText()).as("stage of %s", street).isEqualTo(stage);
    assertThat(unit.get("status").asText()).as("status of %s", street).isEqualTo(status);
    Task task = driver.unitTask("2.1", street);
    assertThat(unit.get("taskId").isNull() ? null : unit.get("taskId").asText())
        .isEqualTo(task == null ? null : task.getId());
  }

  private JsonNode unit(String street) {
    return StreamSupport.stream(problem().get("units").spliterator(), false)
        .filter(u -> u.get("unitId").asText().equals(street))
        .findFirst()
        .orElseThrow();
  }

  private JsonNode problem() {
    return http.getForObject("/api/cases/2022-SZPY/2.1", JsonNode.class);
  }

  private String businessKey(Task task) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
        .singleResult().getBusinessKey();
  }

  private static String secretaryOf(String street) {
    return "sec-" + street.substring("street-".length());
  }
}
