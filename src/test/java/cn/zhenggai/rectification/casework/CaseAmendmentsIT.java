package cn.zhenggai.rectification.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.evidence.EvidenceUploads;
import cn.zhenggai.rectification.vocabulary.DueNotice;
import cn.zhenggai.rectification.vocabulary.NoticeSchedule;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.StageDeadlines;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The organization department amends published problems of the seeded round on PostgreSQL through
 * {@code /api/cases/{round}/{number}/…}, and the units work on through the Camunda Java API as they do in Tasklist. Each
 * test amends a problem of its own.
 */
class CaseAmendmentsIT extends PostgresApplicationTest {

  @Autowired ProcessEngine engine;
  @Autowired EvidenceUploads evidence;
  @Autowired TestRestTemplate anonymous;
  @Autowired StageDeadlines deadlines;
  @Autowired NoticeSchedule schedule;
  TestRestTemplate http;
  CaseDriver driver;

  @BeforeEach
  void setUp() {
    driver = new CaseDriver(engine, evidence);
    http = anonymous.withBasicAuth("sup-orgdept", "demo");
  }

  @Test
  void anAddedUnitWorksItsOwnCaseAndTheProblemClosesOnlyWhenAllAreAccepted() {
    List<String> refused = List.of(
        send(HttpMethod.POST, "2.2/units", Map.of("unitId", "no-such-unit", "reason", "理由")).getBody().get("detail").asText(),
        send(HttpMethod.POST, "2.2/units", Map.of("unitId", "discipline", "reason", "理由")).getBody().get("detail").asText(),
        send(HttpMethod.POST, "2.2/units", Map.of("unitId", "street-chengguan", "reason", "理由")).getBody().get("detail").asText(),
        send(HttpMethod.POST, "2.2/units", Map.of("unitId", "organs")).getBody().get("detail").asText());
    assertThat(refused).containsExactly(
        "“no-such-unit”不是责任单位（organization.yaml 中没有这个单位）",
        "“discipline”不是责任单位（organization.yaml 中没有这个单位）",
        "城关街道党工委已是（或曾是）问题 2022-SZPY/2.2 的责任单位，不能重复增加",
        "请写明调整理由（reason，不超过 500 个字），理由记入问题的办理记录");
    assertThat(units("2.2")).hasSize(3);
    assertThat(problem("2.2").get("timeline").size()).isZero();

    ResponseEntity<JsonNode> added = send(HttpMethod.POST, "2.2/units", Map.of("unitId", "organs", "reason", "机关党建同样存在该问题"));

    assertThat(added.getStatusCode()).isEqualTo(HttpStatus.OK);
    Task draft = driver.unitTask("2.2", "organs");
    assertThat(draft.getTaskDefinitionKey()).isEqualTo(UnitRectificationProcess.TASK_DRAFT_PLAN);
    assertThat(engine.getTaskService().getIdentityLinksForTask(draft.getId()))
        .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("organs"));
    JsonNode organs = unit("2.2", "organs");
    assertThat(List.of(organs.get("status").asText(), organs.get("stage").asText())).containsExactly("OPEN", "DRAFT_PLAN");
    assertThat(StreamSupport.stream(added.getBody().get("notifications").spliterator(), false))
        .anySatisfy(notice -> assertThat(List.of(notice.get("kind").asText(), notice.get("unitId").asText()))
            .containsExactly("NEW_TASK", "organs"));
    JsonNode entry = problem("2.2").get("timeline").get(0);
    assertThat(List.of(entry.get("kind").asText(), entry.get("unitId").asText(), entry.get("actorId").asText()))
        .containsExactly("UNIT_ADDED", "organs", "sup-orgdept");
    assertThat(entry.get("detail").asText()).isEqualTo("县直机关工委；理由：机关党建同样存在该问题");
    assertThat(engine.getRuntimeService().getVariable(caseInstance("2.2"), RectificationCaseProcess.UNIT_IDS))
        .isEqualTo(List.of("street-chengguan", "street-dongcheng", "street-xicheng", "organs"));

    for (String street : List.of("street-chengguan", "street-dongcheng", "street-xicheng")) {
      accept("2.2", street);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> jobsOf(caseInstance("2.2")).isEmpty());
    assertThat(driver.closureTask("2.2")).as("the added unit is still at work").isNull();
    accept("2.2", "organs");
    await().atMost(Duration.ofSeconds(30)).until(() -> driver.closureTask("2.2") != null);
    assertThat(problem("2.2").get("summary").get("unitsAccepted").asInt()).isEqualTo(4);
  }

  @Test
  void aUnitNotYetAtWorkIsWithdrawnAndTheOthersCloseTheProblem() {
    driver.submitPlan("2.3", "street-dongcheng", "sec-dongcheng");
    ResponseEntity<JsonNode> started = send(HttpMethod.DELETE, "2.3/units/street-dongcheng", Map.of("reason", "误列"));
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(started.getBody().get("detail").asText()).contains("已提交过整改方案");

    ResponseEntity<JsonNode> removed = send(HttpMethod.DELETE, "2.3/units/street-xicheng", Map.of("reason", "西城街道无村级组织"));

    assertThat(removed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(driver.unitTask("2.3", "street-xicheng")).isNull();
    JsonNode xicheng = unit("2.3", "street-xicheng");
    assertThat(List.of(xicheng.get("status").asText(), xicheng.get("stage").asText(), xicheng.get("stageName").asText()))
        .containsExactly("CANCELLED", "CANCELLED", "已撤销");
    JsonNode ledger = anonymous.withBasicAuth("leader", "demo")
        .getForObject("/api/ledger?unit=street-xicheng&limit=1000", JsonNode.class);
    assertThat(StreamSupport.stream(ledger.get("rows").spliterator(), false)
        .filter(row -> row.get("problemId").asText().equals(DemoRound.key("2.3"))).findFirst().orElseThrow()
        .get("stageName").asText()).as("kept in the ledger").isEqualTo("已撤销");
    assertThat(problem("2.3").get("timeline")).anySatisfy(event -> {
      assertThat(event.get("kind").asText()).isEqualTo("UNIT_WITHDRAWN");
      assertThat(event.get("detail").asText()).isEqualTo("理由：西城街道无村级组织");
    });

    driver.reviewPlan("2.3", "street-dongcheng", "sup-orgdept", true, null);
    driver.submitReport("2.3", "street-dongcheng", "sec-dongcheng");
    driver.acceptRectification("2.3", "street-dongcheng", "sup-orgdept", true, null);
    accept("2.3", "street-chengguan");
    await().atMost(Duration.ofSeconds(30)).until(() -> driver.closureTask("2.3") != null);
    assertThat(problem("2.3").get("summary").get("stage").asText()).isEqualTo("CONFIRM_CLOSURE");
  }

  @Test
  void theLastUnitAtWorkIsNotWithdrawnTheProblemIs() {
    assertThat(send(HttpMethod.DELETE, "3.1/units/street-xicheng", Map.of("reason", "调整")).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(send(HttpMethod.DELETE, "3.1/units/street-dongcheng?reason=调整", null).getStatusCode()).isEqualTo(HttpStatus.OK);

    ResponseEntity<JsonNode> last = send(HttpMethod.DELETE, "3.1/units/street-chengguan", Map.of("reason", "调整"));

    assertThat(last.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(last.getBody().get("detail").asText()).contains("最后一个", "撤销问题");
    assertThat(driver.unitTask("3.1", "street-chengguan")).isNotNull();
  }

  @Test
  void aNewDeadlineMovesOpenRectificationTasksTheirRemindersAndWhatPlansMayPromise() {
    driver.submitPlan("3.3", "street-chengguan", "sec-chengguan");
    driver.reviewPlan("3.3", "street-chengguan", "sup-orgdept", true, null);
    LocalDate newDeadline = LocalDate.of(2027, 2, 26);
    Date end = deadlines.endOf(newDeadline);
    for (String bad : List.of("2027-02-30", "26.02.2027", "", deadlines.today().minusDays(1).toString())) {
      ResponseEntity<JsonNode> refused = send(HttpMethod.PUT, "3.3/deadline", Map.of("deadline", bad, "reason", "提前"));
      assertThat(refused.getStatusCode()).as(bad).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(refused.getBody().get("detail").asText()).as(bad).contains("整改时限");
    }
    assertThat(problem("3.3").get("summary").get("deadline").asText()).isEqualTo("2027-06-30");

    ResponseEntity<JsonNode> moved = send(HttpMethod.PUT, "3.3/deadline", Map.of("deadline", "2027-02-26", "reason", "县委要求春节前完成"));

    assertThat(moved.getStatusCode()).isEqualTo(HttpStatus.OK);
    Task rectify = driver.unitTask("3.3", "street-chengguan");
    assertThat(rectify.getDueDate()).isEqualTo(end);
    assertThat(unit("3.3", "street-chengguan").get("dueAt").asText()).isEqualTo("2027-02-26T15:59:59Z");
    assertThat(problem("3.3").get("summary").get("deadline").asText()).isEqualTo("2027-02-26");
    assertThat(jdbc.queryForMap("select next_notice, next_notice_at from case_unit where task_id = ?", rectify.getId()))
        .as("the reminders start again from the new due date")
        .containsEntry("next_notice", "BEFORE_DUE")
        .containsEntry("next_notice_at", new Timestamp(schedule.at(DueNotice.BEFORE_DUE, end).getTime()));
    assertThat(problem("3.3").get("timeline")).anySatisfy(event -> {
      assertThat(event.get("kind").asText()).isEqualTo("DEADLINE_CHANGED");
      assertThat(event.get("detail").asText()).isEqualTo("2027-06-30 → 2027-02-26；理由：县委要求春节前完成");
    });
    assertThat(unit("3.3", "street-dongcheng").get("dueAt").asText()).as("a plan still to draft keeps its own due date")
        .isNotEqualTo("2027-02-26T15:59:59Z");

    assertThatThrownBy(() -> driver.submitPlan("3.3", "street-dongcheng", "sec-dongcheng"))
        .hasMessageContaining("晚于整改时限 2027-02-26");
  }

  @Test
  void aWithdrawnProblemEndsItsOpenUnitCasesAndKeepsTheAcceptedOnes() {
    accept("4.1", "organs");
    await().atMost(Duration.ofSeconds(30)).until(() -> jobsOf(caseInstance("4.1")).isEmpty());
    driver.submitPlan("4.1", "street-chengguan", "sec-chengguan");

    ResponseEntity<JsonNode> withdrawn = send(HttpMethod.POST, "4.1/withdrawal", Map.of("reason", "并入专项整治统一推进"));

    assertThat(withdrawn.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode summary = problem("4.1").get("summary");
    assertThat(List.of(summary.get("status").asText(), summary.get("stage").asText())).containsExactly("CANCELLED", "CANCELLED");
    for (JsonNode unit : units("4.1")) {
      String expected = unit.get("unitId").asText().equals("organs") ? "CLOSED/ACCEPTED" : "CANCELLED/CANCELLED";
      assertThat(unit.get("status").asText() + "/" + unit.get("stage").asText()).as(unit.get("unitId").asText()).isEqualTo(expected);
      assertThat(jobsOf(unit.get("processInstanceId").asText())).isEmpty();
    }
    assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKeyLike(DemoRound.key("4.1") + "%").count()).isZero();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKeyLike(DemoRound.key("4.1") + "%").count())
        .isZero();

    ResponseEntity<JsonNode> again = send(HttpMethod.POST, "4.1/withdrawal", Map.of("reason", "再撤一次"));
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(again.getBody().get("detail").asText()).isEqualTo("问题 2022-SZPY/4.1 已撤销，不能再调整");
    assertThat(problem("4.1").get("timeline")).filteredOn(event -> event.get("kind").asText().equals("PROBLEM_WITHDRAWN")).hasSize(1);
  }

  /**
   * Closing a round moves its unfinished problems into a later round: into a draft they wait for its publishing, into a
   * published round their cases open at once; either way the old case ends as 已转入 and both timelines say so.
   */
  @Test
  void closingARoundCarriesItsUnfinishedProblemsIntoALaterDraftOrPublishedRound() {
    cn.zhenggai.rectification.rounds.Actor department = new cn.zhenggai.rectification.rounds.Actor("sup-orgdept", "赵明远");
    openRound("2023-XC1", LocalDate.of(2023, 3, 1), department);
    openRound("2023-XC2", LocalDate.of(2023, 4, 1), department);
    rounds.create(new cn.zhenggai.rectification.rounds.RoundForm("2024-SZPY", "2024年度述职评议", "述职评议",
        LocalDate.of(2024, 1, 10), LocalDate.of(2027, 9, 30)), department);
    accept("2023-XC1/1.1", "street-dongcheng");
    await().atMost(Duration.ofSeconds(30)).until(() -> jobsOf(register("2023-XC1/1.1").processInstanceId()).isEmpty());

    assertThat(closing.close("2023-XC1", "2024-SZPY", department)).isEqualTo(1);

    CaseQueries.CaseRecord old = register("2023-XC1/1.1");
    assertThat(List.of(old.summary().status(), old.summary().stage())).containsExactly("CARRIED_OVER", "CARRIED_OVER");
    assertThat(old.units()).extracting(u -> u.unitId() + " " + u.status())
        .containsExactlyInAnyOrder("street-chengguan CARRIED_OVER", "street-dongcheng CLOSED");
    assertThat(old.timeline()).last().satisfies(event -> assertThat(event.detail())
        .isEqualTo("未完成的单位（street-chengguan）转入问题 2024-SZPY/1.1"));
    assertThat(rounds.problems("2024-SZPY")).singleElement().satisfies(problem -> {
      assertThat(problem.carriedFrom()).isEqualTo("2023-XC1/1.1");
      assertThat(problem.units()).containsExactly("street-chengguan");
    });
    publishing.publish("2024-SZPY", department);
    assertCarriedFrom("2024-SZPY/1.1", "2023-XC1/1.1");

    assertThat(closing.close("2023-XC2", "2024-SZPY", department)).as("into the round now published").isEqualTo(1);

    assertThat(register("2023-XC2/1.1").summary().status()).isEqualTo("CARRIED_OVER");
    assertCarriedFrom("2024-SZPY/2.1", "2023-XC2/1.1");
    assertThat(driver.unitTask("2024-SZPY/2.1", "street-dongcheng")).as("its case opened at once").isNotNull();
  }

  @Autowired cn.zhenggai.rectification.rounds.Rounds rounds;
  @Autowired cn.zhenggai.rectification.rounds.RoundPublishing publishing;
  @Autowired cn.zhenggai.rectification.rounds.RoundClosing closing;
  @Autowired CaseQueries queries;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

  private void openRound(String code, LocalDate heldOn, cn.zhenggai.rectification.rounds.Actor actor) {
    rounds.create(new cn.zhenggai.rectification.rounds.RoundForm(code, "巡察反馈 " + code, "巡察反馈", heldOn,
        LocalDate.of(2027, 6, 30)), actor);
    rounds.saveProblems(code, List.of(new cn.zhenggai.rectification.rounds.DraftProblem("1.1", "巡察发现的问题",
        "党支部“三会一课”不规范", "个别党支部“三会一课”记录不全", null, null, List.of("补齐记录"),
        List.of("street-chengguan", "street-dongcheng"), List.of("org-dept"), LocalDate.of(2027, 6, 30), null)), actor);
    publishing.publish(code, actor);
  }

  private void assertCarriedFrom(String key, String from) {
    assertThat(jdbc.queryForObject("select carried_from from case_problem where problem_id = ?", String.class, key))
        .isEqualTo(from);
    assertThat(register(key).timeline()).singleElement().satisfies(event -> {
      assertThat(event.kind()).isEqualTo(CaseTimeline.Kind.CARRIED_FROM);
      assertThat(event.detail()).isEqualTo("由问题 " + from + " 转入");
    });
  }

  private CaseQueries.CaseRecord register(String key) {
    return queries.one(key, new cn.zhenggai.rectification.security.Viewer("test", java.util.Set.of(), true)).orElseThrow();
  }

  private ResponseEntity<JsonNode> send(HttpMethod method, String path, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange("/api/cases/2022-SZPY/" + path, method, new HttpEntity<>(body, headers), JsonNode.class);
  }

  private void accept(String problemId, String unit) {
    String secretary = "sec-" + (unit.startsWith("street-") ? unit.substring("street-".length()) : unit);
    driver.submitPlan(problemId, unit, secretary);
    driver.reviewPlan(problemId, unit, "sup-orgdept", true, null);
    driver.submitReport(problemId, unit, secretary);
    driver.acceptRectification(problemId, unit, "sup-orgdept", true, null);
  }

  private List<Job> jobsOf(String processInstanceId) {
    return engine.getManagementService().createJobQuery().processInstanceId(processInstanceId).list();
  }

  private String caseInstance(String problemId) {
    return problem(problemId).get("processInstanceId").asText();
  }

  private JsonNode problem(String problemId) {
    return http.getForObject("/api/cases/" + DemoRound.key(problemId), JsonNode.class);
  }

  private List<JsonNode> units(String problemId) {
    return StreamSupport.stream(problem(problemId).get("units").spliterator(), false).toList();
  }

  private JsonNode unit(String problemId, String unitId) {
    return units(problemId).stream().filter(u -> u.get("unitId").asText().equals(unitId)).findFirst().orElseThrow();
  }
}
