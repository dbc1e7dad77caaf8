package cn.zhenggai.rectification.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.casework.CaseDriver;
import cn.zhenggai.rectification.casework.CaseStarter;
import cn.zhenggai.rectification.evidence.EvidenceSession;
import cn.zhenggai.rectification.evidence.EvidenceUploads;
import cn.zhenggai.rectification.problem.Problem;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.StageDeadlines;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Requests for more time on PostgreSQL, through the calls Tasklist's panel makes (session sign-in, X-XSRF-TOKEN) and
 * the decision through Tasklist's own API: the state the panel shows, a request, every refusal of the issue with its
 * Chinese message and nothing changed, and who may ask and who may decide. Each test works on its own unit item.
 */
class ExtensionApiIT extends PostgresApplicationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired ProcessEngine engine;
  @Autowired EvidenceUploads uploads;
  @Autowired JdbcTemplate jdbc;
  @Autowired StageDeadlines deadlines;
  @Autowired CaseStarter starter;
  @LocalServerPort int port;
  CaseDriver driver;

  @BeforeEach
  void setUp() {
    driver = new CaseDriver(engine, uploads);
  }

  @Test
  void thePanelShowsTheTaskAndARequestWaitsForTheSupervisors() throws Exception {
    EvidenceSession chengguan = EvidenceSession.signIn(port, "sec-chengguan");
    Task draft = driver.unitTask("1.1", "street-chengguan");
    LocalDate due = deadlines.dayOf(draft.getDueDate());

    JsonNode before = json(chengguan.get(path(draft)));
    assertThat(before.path("taskId").asText()).isEqualTo(draft.getId());
    assertThat(before.path("stage").asText()).isEqualTo("DRAFT_PLAN");
    assertThat(before.path("stageLabel").asText()).isEqualTo("制定整改方案");
    assertThat(before.path("canRequest").asBoolean()).isTrue();
    assertThat(before.path("why").isNull()).isTrue();
    assertThat(before.path("currentDue").asText()).isEqualTo(due.toString());
    assertThat(before.path("originalDeadline").asText()).isEqualTo(due.toString());
    assertThat(before.path("latest").asText()).isEqualTo(due.plusDays(30).toString());
    assertThat(before.path("requestsUsed").asInt()).isZero();
    assertThat(before.path("maxRequests").asInt()).isEqualTo(2);
    assertThat(before.path("pending").isNull()).isTrue();
    assertThat(before.path("history")).isEmpty();

    HttpResponse<byte[]> asked = post(chengguan, draft, due.plusDays(5).toString(), "需要征求群众意见");

    assertThat(asked.statusCode()).as(chengguan.text(asked)).isEqualTo(201);
    JsonNode after = json(chengguan.get(path(draft)));
    assertThat(after.path("canRequest").asBoolean()).isFalse();
    assertThat(after.path("why").asText()).contains("等待督办单位审批");
    assertThat(after.path("pending").path("requestedUntil").asText()).isEqualTo(due.plusDays(5).toString());
    assertThat(after.path("pending").path("reason").asText()).isEqualTo("需要征求群众意见");
    assertThat(after.path("pending").path("requestedBy").asText()).isEqualTo("sec-chengguan");
    assertThat(after.path("pending").path("requestedByName").asText()).isEqualTo("李卫东（城关街道党工委书记）");
    assertThat(after.path("history")).hasSize(1);
    assertThat(after.path("requestsUsed").asInt()).isEqualTo(1);
    Task review = driver.extensionReview("1.1", "street-chengguan");
    assertThat(review.getDueDate()).isEqualTo(draft.getDueDate());
    assertThat(engine.getTaskService().getIdentityLinksForTask(review.getId()))
        .extracting(link -> link.getGroupId()).containsExactly("org-dept");
  }

  @Test
  void everyRefusedRequestSaysWhyInChineseAndChangesNothing() throws Exception {
    EvidenceSession chengguan = EvidenceSession.signIn(port, "sec-chengguan");
    Task draft = driver.unitTask("2.1", "street-chengguan");
    LocalDate due = deadlines.dayOf(draft.getDueDate());

    refused(chengguan, post(chengguan, draft, due.plusDays(5).toString(), " "), 400, "请写明申请延期的理由（reason）", draft);
    refused(chengguan, post(chengguan, draft, null, "理由"), 400, "请选择延期至哪一天（until", draft);
    refused(chengguan, post(chengguan, draft, "2027-13-01", "理由"), 400, "延期至（until）应为日期，格式 yyyy-MM-dd", draft);
    refused(chengguan, post(chengguan, draft, due.toString(), "理由"), 400, "须晚于现截止日期 " + due, draft);
    refused(chengguan, post(chengguan, draft, due.minusDays(3).toString(), "理由"), 400, "须晚于现截止日期 " + due, draft);
    refused(chengguan, post(chengguan, draft, due.plusDays(31).toString(), "理由"), 400,
        "超出了允许的范围：现截止日期后最多 30 天，即最晚 " + due.plusDays(30), draft);
    refused(chengguan, chengguan.send("POST", path(draft), "application/json", "{until".getBytes(StandardCharsets.UTF_8)),
        400, "请以 JSON 发送申请", draft);
    assertThat(post(chengguan, draft, due.plusDays(5).toString(), "第一次").statusCode()).isEqualTo(201);
    refused(chengguan, post(chengguan, draft, due.plusDays(6).toString(), "第二次"), 409,
        "本项已有一份延期申请（延期至 " + due.plusDays(5) + "）等待督办单位审批", draft, 1);

    driver.completeAs("sup-orgdept", driver.extensionReview("2.1", "street-chengguan"),
        Map.of(UnitRectificationProcess.EXTENSION_APPROVED, false, UnitRectificationProcess.EXTENSION_DECISION_COMMENT, "不同意"));
    assertThat(post(chengguan, draft, due.plusDays(6).toString(), "第二次").statusCode()).isEqualTo(201);
    driver.completeAs("sup-orgdept", driver.extensionReview("2.1", "street-chengguan"),
        Map.of(UnitRectificationProcess.EXTENSION_APPROVED, false, UnitRectificationProcess.EXTENSION_DECISION_COMMENT, "仍不同意"));
    refused(chengguan, post(chengguan, draft, due.plusDays(6).toString(), "第三次"), 409,
        "每项整改最多申请延期 2 次，本项已申请 2 次", draft, 2);

    Task other = driver.unitTask("2.2", "street-chengguan");
    ClockUtil.setCurrentTime(new Date(other.getDueDate().getTime() + 1000));
    try {
      refused(chengguan, post(chengguan, other, deadlines.dayOf(other.getDueDate()).plusDays(5).toString(), "来不及"), 409,
          "截止日期 " + deadlines.dayOf(other.getDueDate()) + " 已过，不能再申请延期；逾期事项照常记为逾期", other);
    } finally {
      ClockUtil.reset();
    }

    driver.submitPlan("2.2", "street-chengguan", "sec-chengguan");
    refused(chengguan, post(chengguan, other, deadlines.dayOf(other.getDueDate()).plusDays(5).toString(), "晚了"), 409,
        "该任务已办理完成，不能再申请延期", other);
  }

  @Test
  void onlyTheUnitHoldingTheTaskAsksAndOnlyItsSupervisorsDecide() throws Exception {
    Task draft = driver.unitTask("2.3", "street-chengguan");
    String until = deadlines.dayOf(draft.getDueDate()).plusDays(5).toString();
    EvidenceSession dongcheng = EvidenceSession.signIn(port, "sec-dongcheng");
    EvidenceSession supervisor = EvidenceSession.signIn(port, "sup-orgdept");
    EvidenceSession chengguan = EvidenceSession.signIn(port, "sec-chengguan");

    refused(dongcheng, dongcheng.get(path(draft)), 404, "找不到该任务（或无权查看）", draft);
    refused(dongcheng, post(dongcheng, draft, until, "代为申请"), 404, "找不到该任务（或无权查看）", draft);
    assertThat(json(supervisor.get(path(draft))).path("why").asText()).isEqualTo("只有承办该任务的单位可以申请延期");
    refused(supervisor, post(supervisor, draft, until, "督办单位代申请"), 403, "只有承办该任务的单位可以申请延期", draft);

    assertThat(post(chengguan, draft, until, "需要更多时间").statusCode()).isEqualTo(201);
    Task review = driver.extensionReview("2.3", "street-chengguan");
    JsonNode onTheReview = json(chengguan.get(path(review)));
    assertThat(onTheReview.path("stage").isNull()).as("the panel shows nothing on the supervisors' task").isTrue();
    assertThat(onTheReview.path("canRequest").asBoolean()).isFalse();
    refused(chengguan, post(chengguan, review, until, "在审批任务上申请"), 409,
        "只有“制定整改方案”和“落实整改并报送完成情况”两步可以申请延期，“审批延期申请”不能", draft, 1);
    HttpResponse<byte[]> byTheSecretary = chengguan.send("POST",
        "/camunda/api/engine/engine/default/task/" + review.getId() + "/submit-form", "application/json",
        decision(true, until).getBytes(StandardCharsets.UTF_8));
    assertThat(byTheSecretary.statusCode()).as(chengguan.text(byTheSecretary)).isEqualTo(403);
    assertThat(driver.extensionReview("2.3", "street-chengguan")).isNotNull();
    assertThat(driver.unitTask("2.3", "street-chengguan").getDueDate()).isEqualTo(draft.getDueDate());

    HttpResponse<byte[]> claimed = supervisor.send("POST", "/camunda/api/engine/engine/default/task/" + review.getId() + "/claim",
        "application/json", "{\"userId\":\"sup-orgdept\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(claimed.statusCode()).as(supervisor.text(claimed)).isEqualTo(204);
    HttpResponse<byte[]> approved = supervisor.send("POST",
        "/camunda/api/engine/engine/default/task/" + review.getId() + "/submit-form", "application/json",
        decision(true, until).getBytes(StandardCharsets.UTF_8));
    assertThat(approved.statusCode()).as(supervisor.text(approved)).isEqualTo(204);

    JsonNode shown = json(chengguan.get(path(draft)));
    assertThat(shown.path("currentDue").asText()).isEqualTo(until);
    assertThat(shown.path("history").get(0).path("status").asText()).isEqualTo("APPROVED");
    assertThat(shown.path("history").get(0).path("decidedBy").asText()).isEqualTo("sup-orgdept");
    assertThat(shown.path("history").get(0).path("decidedByName").asText()).isEqualTo("赵明远（县委组织部组织科科长）");
    assertThat(shown.path("history").get(0).path("requestedByName").asText()).isEqualTo("李卫东（城关街道党工委书记）");
    assertThat(shown.path("canRequest").asBoolean()).isTrue();
  }

  /** 回头看 is the supervisors' step with a due date: the panel shows nothing on it, and a request on it is refused. */
  @Test
  void noRequestIsTakenOnALookBack() throws Exception {
    starter.startIfNew(DemoRound.opening(new Problem("99.1", "测试类别", "测试问题 99.1", "讲话原文 99.1", List.of("措施一"),
        List.of("street-chengguan"), List.of("org-dept"), LocalDate.of(2027, 6, 30))));
    driver.submitPlan("99.1", "street-chengguan", "sec-chengguan");
    driver.reviewPlan("99.1", "street-chengguan", "sup-orgdept", true, null);
    driver.submitReport("99.1", "street-chengguan", "sec-chengguan");
    driver.acceptRectification("99.1", "street-chengguan", "sup-orgdept", true, null);
    await().atMost(Duration.ofSeconds(30)).until(() -> driver.closureTask("99.1") != null);
    driver.confirmClosure("99.1", "sup-orgdept");
    String problem = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(RectificationCaseProcess.KEY)
        .processInstanceBusinessKey(DemoRound.key("99.1")).singleResult().getId();
    engine.getManagementService().executeJob(engine.getManagementService().createJobQuery().processInstanceId(problem)
        .activityId(RectificationCaseProcess.LOOK_BACK_DUE).singleResult().getId());
    Task lookBack = driver.lookBackTask("99.1", "street-chengguan");
    assertThat(lookBack.getDueDate()).isNotNull();
    String until = deadlines.dayOf(lookBack.getDueDate()).plusDays(5).toString();
    EvidenceSession supervisor = EvidenceSession.signIn(port, "sup-orgdept");
    EvidenceSession chengguan = EvidenceSession.signIn(port, "sec-chengguan");

    JsonNode shown = json(supervisor.get(path(lookBack)));
    assertThat(shown.path("stage").isNull()).as("the panel shows nothing on the look-back").isTrue();
    assertThat(shown.path("canRequest").asBoolean()).isFalse();
    assertThat(shown.path("history")).isEmpty();
    String refusal = "只有“制定整改方案”和“落实整改并报送完成情况”两步可以申请延期，“回头看”不能";
    refused(supervisor, post(supervisor, lookBack, until, "回头看需要更多时间"), 409, refusal, lookBack);
    refused(chengguan, post(chengguan, lookBack, until, "代督办单位申请"), 409, refusal, lookBack);
    EvidenceSession dongcheng = EvidenceSession.signIn(port, "sec-dongcheng");
    refused(dongcheng, post(dongcheng, lookBack, until, "别的单位"), 404, "找不到该任务（或无权查看）", lookBack);
    assertThat(jdbc.queryForObject("select count(*) from extension_request where problem_id = ?", Integer.class,
        DemoRound.key("99.1"))).isZero();
  }

  /** Refused with this status and a Chinese detail; no request stored beyond {@code requests}, nothing moved. */
  private void refused(EvidenceSession session, HttpResponse<byte[]> response, int status, String detail, Task task,
      int requests) throws Exception {
    assertThat(response.statusCode()).as(session.text(response)).isEqualTo(status);
    assertThat(json(response).path("detail").asText()).contains(detail);
    String instance = task.getProcessInstanceId();
    assertThat(jdbc.queryForObject("select count(*) from extension_request where process_instance_id = ? and status <> 'LAPSED'",
        Integer.class, instance)).isEqualTo(requests);
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(instance)
        .taskDefinitionKey(UnitRectificationProcess.TASK_REVIEW_EXTENSION).count()).isLessThanOrEqualTo(1);
    Task now = engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult();
    if (now != null) {
      assertThat(now.getDueDate()).isEqualTo(task.getDueDate());
    }
  }

  private void refused(EvidenceSession session, HttpResponse<byte[]> response, int status, String detail, Task task)
      throws Exception {
    refused(session, response, status, detail, task, 0);
  }

  private static HttpResponse<byte[]> post(EvidenceSession session, Task task, String until, String reason) {
    return session.send("POST", path(task), "application/json", body(until, reason).getBytes(StandardCharsets.UTF_8));
  }

  private static String body(String until, String reason) {
    try {
      Map<String, String> body = new java.util.HashMap<>();
      body.put("until", until);
      body.put("reason", reason);
      return JSON.writeValueAsString(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String decision(boolean approved, String until) {
    return "{\"variables\":{\"extensionApproved\":{\"value\":" + approved + ",\"type\":\"Boolean\"},"
        + "\"extensionGrantedUntil\":{\"value\":\"" + until + "\",\"type\":\"String\"}}}";
  }

  private static String path(Task task) {
    return "/extensions/tasks/" + task.getId();
  }

  private static JsonNode json(HttpResponse<byte[]> response) throws Exception {
    return JSON.readTree(response.body());
  }
}
