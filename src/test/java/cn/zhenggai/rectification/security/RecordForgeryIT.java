package cn.zhenggai.rectification.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The attacks a secretary could make on the case record with her own password and the REST API Tasklist uses (and a
 * caller of the Java API): each is refused with a 4xx naming what was wrong, and afterwards the task, its variables,
 * the register and the people are exactly as before.
 */
class RecordForgeryIT extends PostgresApplicationTest {

  @Autowired TestRestTemplate anonymous;
  @Autowired ProcessEngine engine;

  /** Routing to her own unit for review (a self-approved plan), or a deadline in 2099 (no reminder ever fires). */
  @ParameterizedTest
  @MethodSource("routingAndDeadlines")
  void aSecretaryCannotWriteWhatDecidesRoutingOrDeadlines(String variable, Map<String, Object> value) {
    Task draft = draft("2.1", "street-dongcheng");
    RecordState before = RecordState.of(engine, anonymous, draft);

    Map<String, Object> plan = plan();
    plan.put(variable, value);
    ResponseEntity<JsonNode> response = complete("sec-dongcheng", draft, plan);

    assertRefused(response, HttpStatus.BAD_REQUEST, "不接受字段“" + variable + "”");
    before.assertUnchanged();
  }

  static Stream<Arguments> routingAndDeadlines() {
    return Stream.of(
        Arguments.of("supervisorGroups", Map.of("value", "street-dongcheng")),
        Arguments.of("rectificationDeadline", Map.of("value", "2099-12-31T23:59:59.000+0800", "type", "Date")),
        Arguments.of("rectificationDeadlineText", Map.of("value", "2099年12月31日")));
  }

  /**
   * A request for more time is decided by the supervisors, on their review task: a secretary can neither write the
   * decision nor the note on her form (the original deadline and the requests), with a completion or on their own.
   */
  @Test
  void aSecretaryCannotWriteAnExtensionDecisionNorTheDeadlineNote() {
    Task draft = draft("3.2", "street-dongcheng");
    RecordState before = RecordState.of(engine, anonymous, draft);
    String instance = draft.getProcessInstanceId();

    Map<String, Object> noted = plan();
    noted.put("deadlineNote", Map.of("value", "原定时限 2027-06-30，经批准延期至 2099-12-31"));
    assertRefused(complete("sec-dongcheng", draft, noted), HttpStatus.BAD_REQUEST, "只供查看，不能修改");
    for (String decision : List.of("extensionApproved", "extensionGrantedUntil")) {
      Map<String, Object> plan = plan();
      plan.put(decision, Map.of("value", decision.equals("extensionApproved") ? (Object) true : "2099-12-31"));
      assertRefused(complete("sec-dongcheng", draft, plan), HttpStatus.BAD_REQUEST, "不接受字段“" + decision + "”");
    }
    List<ResponseEntity<JsonNode>> attempts = List.of(
        as("sec-dongcheng").exchange("/engine-rest/process-instance/" + instance + "/variables/deadlineNote", HttpMethod.PUT,
            json(Map.of("value", "经批准延期至 2099-12-31")), JsonNode.class),
        as("sec-dongcheng").exchange("/engine-rest/process-instance/" + instance + "/variables/extensionApproved",
            HttpMethod.PUT, json(Map.of("value", true, "type", "Boolean")), JsonNode.class),
        as("sec-dongcheng").exchange("/engine-rest/task/" + draft.getId() + "/variables/extensionGrantedUntil",
            HttpMethod.PUT, json(Map.of("value", "2099-12-31")), JsonNode.class));
    assertThat(attempts).allSatisfy(response -> assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN));
    before.assertUnchanged();
  }

  @Test
  void aUnitCannotHandItsWorkToAnotherThroughTheFormSubmission() {
    Task draft = draft("2.1", "street-dongcheng");
    RecordState before = RecordState.of(engine, anonymous, draft);

    Map<String, Object> plan = plan();
    plan.put("unitId", Map.of("value", "street-xicheng"));
    ResponseEntity<JsonNode> response = as("sec-dongcheng").exchange("/engine-rest/task/" + draft.getId() + "/submit-form",
        HttpMethod.POST, json(Map.of("variables", plan)), JsonNode.class);

    assertRefused(response, HttpStatus.BAD_REQUEST, "不接受字段“unitId”");
    before.assertUnchanged();
  }

  @Test
  void whatTheReviewerReadsAsFactCannotBeWrittenNorAnythingUnknown() {
    Task draft = draft("2.1", "street-dongcheng");
    RecordState before = RecordState.of(engine, anonymous, draft);

    for (String forged : List.of("problemTitle", "unitName", "caseHistory", "madeUp")) {
      Map<String, Object> plan = plan();
      plan.put(forged, Map.of("value", "[点此查看](https://evil.example/)"));
      ResponseEntity<JsonNode> response = complete("sec-dongcheng", draft, plan);
      assertThat(response.getStatusCode()).as(forged).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(response.getBody().get("message").asText()).as(forged).contains(forged);
    }
    Map<String, Object> plan = plan();
    plan.put("suggestedMeasures", Map.of("value", "改过的建议措施"));
    assertRefused(complete("sec-dongcheng", draft, plan), HttpStatus.BAD_REQUEST, "只供查看，不能修改");
    before.assertUnchanged();
  }

  @Test
  void variablesAreNeverWrittenOnTheirOwn() {
    Task draft = draft("2.1", "street-dongcheng");
    RecordState before = RecordState.of(engine, anonymous, draft);
    String instance = draft.getProcessInstanceId();

    List<ResponseEntity<JsonNode>> attempts = List.of(
        as("sec-dongcheng").exchange("/engine-rest/task/" + draft.getId() + "/variables/supervisorGroups", HttpMethod.PUT,
            json(Map.of("value", "street-dongcheng")), JsonNode.class),
        as("sec-dongcheng").exchange("/engine-rest/task/" + draft.getId() + "/localVariables/planMeasures", HttpMethod.PUT,
            json(Map.of("value", "x")), JsonNode.class),
        as("sec-dongcheng").exchange("/engine-rest/task/" + draft.getId() + "/variables", HttpMethod.POST,
            json(Map.of("modifications", Map.of("unitId", Map.of("value", "street-xicheng")))), JsonNode.class),
        as("sec-dongcheng").exchange("/engine-rest/process-instance/" + instance + "/variables/unitId", HttpMethod.PUT,
            json(Map.of("value", "street-xicheng")), JsonNode.class),
        as("sup-orgdept").exchange("/engine-rest/process-instance/" + instance + "/variables", HttpMethod.POST,
            json(Map.of("modifications", Map.of("supervisorGroups", Map.of("value", "discipline")))), JsonNode.class),
        as("sec-dongcheng").exchange("/engine-rest/task/" + draft.getId() + "/variables/caseHistory", HttpMethod.DELETE,
            HttpEntity.EMPTY, JsonNode.class));

    assertThat(attempts).allSatisfy(response -> {
      assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(response.getBody().toString()).doesNotContain("java.", "Exception:");
    });
    before.assertUnchanged();
  }

  @Test
  void theJavaApiIsHeldToTheSameRules() {
    Task draft = draft("2.2", "street-dongcheng");
    RecordState before = RecordState.of(engine, anonymous, draft);

    Map<String, Object> plan = new HashMap<>(Map.of(
        UnitRectificationProcess.PLAN_MEASURES, "按月学习",
        UnitRectificationProcess.PLAN_RESPONSIBLE_PERSON, "王明",
        UnitRectificationProcess.PLAN_TARGET_DATE, "2027-03-31",
        "supervisorGroups", "street-dongcheng"));
    engine.getIdentityService().setAuthentication("sec-dongcheng", List.of("street-dongcheng"));
    try {
      assertThatThrownBy(() -> engine.getTaskService().complete(draft.getId(), plan))
          .isInstanceOf(ProcessEngineException.class)
          .hasMessageContaining("不接受字段“supervisorGroups”");
      assertThatThrownBy(() -> engine.getTaskService().setVariable(draft.getId(), "unitId", "street-xicheng"))
          .isInstanceOf(ProcessEngineException.class);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    before.assertUnchanged();
  }

  @Test
  void javaSerializedObjectsAreRefusedWithoutNamingClasses() {
    Task draft = draft("2.1", "street-dongcheng");
    RecordState before = RecordState.of(engine, anonymous, draft);

    assertPlanRefused(draft, UnitRectificationProcess.PLAN_NOTES, Map.of("value", "rO0ABXQAA2FiYw==", "type", "Object",
        "valueInfo", Map.of("objectTypeName", "java.lang.String", "serializationDataFormat", "application/x-java-serialized-object")),
        "不接受 Java 序列化的对象变量");
    before.assertUnchanged();
  }

  @Test
  void requiredTextNeedsVisibleCharactersAndDatesAreExactAndInRange() {
    Task draft = draft("2.3", "street-dongcheng");
    RecordState before = RecordState.of(engine, anonymous, draft);

    assertPlanRefused(draft, UnitRectificationProcess.PLAN_MEASURES, Map.of("value", "\u200B\u00A0\u3000\u200D\uFEFF "),
        "请填写“整改措施”（planMeasures）");
    assertPlanRefused(draft, UnitRectificationProcess.PLAN_TARGET_DATE, Map.of("value", "2027-01-15<script>alert(1)</script>"),
        "格式 yyyy-MM-dd");
    assertPlanRefused(draft, UnitRectificationProcess.PLAN_TARGET_DATE, Map.of("value", "1999-01-15"), "1999-01-15 早于今天");
    assertPlanRefused(draft, UnitRectificationProcess.PLAN_TARGET_DATE, Map.of("value", "2027-06-01"), "晚于整改时限 2027-05-31");
    before.assertUnchanged();
  }

  @Test
  void aClaimedTaskIsCompletedByItsHolderOnly() {
    Task review = planSubmitted("4.2", "street-dongcheng");
    assertThat(act("sup-orgdept", review, "claim", Map.of("userId", "sup-orgdept")).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    RecordState before = RecordState.of(engine, anonymous, engine.getTaskService().createTaskQuery().taskId(review.getId()).singleResult());

    ResponseEntity<JsonNode> response = complete("sup-discipline", review,
        new HashMap<>(Map.of("planApproved", Map.of("value", true))));
    ResponseEntity<JsonNode> unclaimed = act("sup-discipline", review, "claim", Map.of());
    ResponseEntity<JsonNode> taken = act("sup-discipline", review, "claim", Map.of("userId", "sup-discipline"));

    assertRefused(response, HttpStatus.CONFLICT, "该任务已由 sup-orgdept 认领");
    assertRefused(unclaimed, HttpStatus.CONFLICT, "该任务已由 sup-orgdept 认领");
    assertRefused(taken, HttpStatus.CONFLICT, "该任务已由 sup-orgdept 认领");
    before.assertUnchanged();
  }

  @Test
  void aPersonClaimsForThemselvesOnly() {
    Task draft = draft("3.1", "street-xicheng");
    RecordState before = RecordState.of(engine, anonymous, draft);

    ResponseEntity<JsonNode> forSomeoneElse = act("sec-xicheng", draft, "claim", Map.of("userId", "sec-chengguan"));

    assertRefused(forSomeoneElse, HttpStatus.FORBIDDEN, "只能认领给自己");
    before.assertUnchanged();
  }

  /** A BPMN error or escalation would end the unit's case without review; none is part of this product's process. */
  @Test
  void aTaskIsNotEndedByABpmnErrorOrAnEscalation() {
    Task draft = draft("3.1", "street-dongcheng");
    RecordState before = RecordState.of(engine, anonymous, draft);

    ResponseEntity<JsonNode> error = act("sec-dongcheng", draft, "bpmnError",
        Map.of("errorCode", "done", "variables", Map.of("rectificationAccepted", Map.of("value", true))));
    ResponseEntity<JsonNode> escalation = act("sec-dongcheng", draft, "bpmnEscalation", Map.of("escalationCode", "done"));

    assertRefused(error, HttpStatus.FORBIDDEN, "待办只能办理完成");
    assertRefused(escalation, HttpStatus.FORBIDDEN, "待办只能办理完成");
    before.assertUnchanged();
  }

  /** The reason a supervisor gave for a return stays as written: the unit can neither rewrite nor delete it. */
  @Test
  void theReturnReasonOnARedraftCannotBeRewrittenOrDeleted() {
    Task review = planSubmitted("3.3", "street-dongcheng");
    assertThat(complete("sup-orgdept", review, new HashMap<>(Map.of("planApproved", Map.of("value", false),
        "reviewComment", Map.of("value", "措施不具体"))))).extracting(ResponseEntity::getStatusCode).isEqualTo(HttpStatus.NO_CONTENT);
    Task redraft = draft("3.3", "street-dongcheng");
    JsonNode comments = as("sec-dongcheng").getForEntity("/engine-rest/task/" + redraft.getId() + "/comment", JsonNode.class).getBody();
    assertThat(comments).hasSize(1);
    String commentId = comments.get(0).get("id").asText();

    ResponseEntity<JsonNode> rewritten = as("sec-dongcheng").exchange("/engine-rest/task/" + redraft.getId() + "/comment",
        HttpMethod.PUT, json(Map.of("id", commentId, "message", "同意")), JsonNode.class);
    ResponseEntity<JsonNode> deleted = as("sec-dongcheng").exchange("/engine-rest/task/" + redraft.getId() + "/comment/" + commentId,
        HttpMethod.DELETE, HttpEntity.EMPTY, JsonNode.class);

    assertRefused(rewritten, HttpStatus.FORBIDDEN, "待办只能办理完成");
    assertRefused(deleted, HttpStatus.FORBIDDEN, "待办只能办理完成");
    assertThat(engine.getTaskService().getTaskComments(redraft.getId()))
        .extracting(org.camunda.bpm.engine.task.Comment::getFullMessage).containsExactly("退回理由：措施不具体");
  }

  @Test
  void aSupervisorReassignsWithinTheTasksGroupsAsARecordedAction() {
    Task review = planSubmitted("4.2", "street-xicheng");
    act("sup-orgdept", review, "claim", Map.of("userId", "sup-orgdept"));

    ResponseEntity<JsonNode> bySecretary = as("sec-xicheng").postForEntity("/api/tasks/" + review.getId() + "/assignee",
        json(Map.of("userId", "sec-xicheng", "reason", "我来")), JsonNode.class);
    ResponseEntity<JsonNode> toOutsider = as("sup-orgdept").postForEntity("/api/tasks/" + review.getId() + "/assignee",
        json(Map.of("userId", "sec-xicheng", "reason", "请代办")), JsonNode.class);
    ResponseEntity<JsonNode> noReason = as("sup-orgdept").postForEntity("/api/tasks/" + review.getId() + "/assignee",
        json(Map.of("userId", "sup-discipline", "reason", "\u200B")), JsonNode.class);
    assertThat(bySecretary.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(toOutsider.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(toOutsider.getBody().get("detail").asText()).contains("sec-xicheng 不是这项待办所属组的成员");
    assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(engine.getTaskService().createTaskQuery().taskId(review.getId()).singleResult().getAssignee()).isEqualTo("sup-orgdept");

    ResponseEntity<JsonNode> handed = as("sup-orgdept").postForEntity("/api/tasks/" + review.getId() + "/assignee",
        json(Map.of("userId", "sup-discipline", "reason", "本人出差，请纪委同志审核")), JsonNode.class);

    assertThat(handed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(engine.getTaskService().createTaskQuery().taskId(review.getId()).singleResult().getAssignee()).isEqualTo("sup-discipline");
    JsonNode timeline = as("sup-orgdept").getForEntity("/api/cases/2022-SZPY/4.2", JsonNode.class).getBody().get("timeline");
    assertThat(timeline.toString()).contains("改派待办").contains("本人出差，请纪委同志审核");
    assertThat(complete("sup-discipline", review, new HashMap<>(Map.of("planApproved", Map.of("value", true)))).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  void aPersonChangesTheirPasswordButNotTheirNameOrEmail() {
    User before = engine.getIdentityService().createUserQuery().userId("sec-xicheng").singleResult();

    ResponseEntity<JsonNode> renamed = as("sec-xicheng").exchange("/engine-rest/user/sec-xicheng/profile", HttpMethod.PUT,
        json(Map.of("id", "sec-xicheng", "firstName", "赵明远", "lastName", "县委组织部组织科科长", "email", "me@evil.example")),
        JsonNode.class);
    ResponseEntity<JsonNode> deleted = as("sec-xicheng").exchange("/engine-rest/user/sec-xicheng", HttpMethod.DELETE,
        HttpEntity.EMPTY, JsonNode.class);
    ResponseEntity<String> password = as("sec-xicheng").exchange("/engine-rest/user/sec-xicheng/credentials", HttpMethod.PUT,
        json(Map.of("password", "a-new-Passw0rd", "authenticatedUserPassword", "demo")), String.class);

    assertRefused(renamed, HttpStatus.FORBIDDEN, "姓名、职务和邮箱由管理员维护，本人只能修改密码");
    assertRefused(deleted, HttpStatus.FORBIDDEN, "账号由管理员维护，不能删除");
    assertThat(engine.getIdentityService().createUserQuery().userId("sec-xicheng").count()).isEqualTo(1);
    User after = engine.getIdentityService().createUserQuery().userId("sec-xicheng").singleResult();
    assertThat(List.of(after.getFirstName(), after.getLastName(), after.getEmail()))
        .containsExactly(before.getFirstName(), before.getLastName(), before.getEmail());
    assertThat(password.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(engine.getIdentityService().checkPassword("sec-xicheng", "a-new-Passw0rd")).isTrue();
    User restored = engine.getIdentityService().createUserQuery().userId("sec-xicheng").singleResult();
    restored.setPassword("demo");
    engine.getIdentityService().saveUser(restored);
  }

  // --- helpers

  private Task draft(String problemId, String unitId) {
    return engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(UnitRectificationProcess.businessKey(DemoRound.key(problemId), unitId))
        .taskDefinitionKey(UnitRectificationProcess.TASK_DRAFT_PLAN).singleResult();
  }

  /** The unit's plan submitted through the API as its secretary; returns the review task. */
  private Task planSubmitted(String problemId, String unitId) {
    Task draft = draft(problemId, unitId);
    String secretary = "sec-" + unitId.replace("street-", "");
    assertThat(complete(secretary, draft, plan()).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    return engine.getTaskService().createTaskQuery().processInstanceId(draft.getProcessInstanceId()).singleResult();
  }

  static Map<String, Object> plan() {
    Map<String, Object> plan = new HashMap<>();
    plan.put(UnitRectificationProcess.PLAN_MEASURES, Map.of("value", "每月集中学习一次"));
    plan.put(UnitRectificationProcess.PLAN_RESPONSIBLE_PERSON, Map.of("value", "王明"));
    plan.put(UnitRectificationProcess.PLAN_TARGET_DATE, Map.of("value", "2027-03-31"));
    return plan;
  }

  private ResponseEntity<JsonNode> complete(String user, Task task, Map<String, Object> variables) {
    return as(user).exchange("/engine-rest/task/" + task.getId() + "/complete", HttpMethod.POST,
        json(Map.of("variables", variables)), JsonNode.class);
  }

  /** A valid plan with one field replaced, completed by the unit's secretary: refused with the message. */
  private void assertPlanRefused(Task draft, String field, Object value, String message) {
    Map<String, Object> plan = plan();
    plan.put(field, value);
    assertRefused(complete("sec-dongcheng", draft, plan), HttpStatus.BAD_REQUEST, message);
  }

  /** A task action of the REST API (claim, bpmnError …) as the user. */
  private ResponseEntity<JsonNode> act(String user, Task task, String action, Object body) {
    return as(user).postForEntity("/engine-rest/task/" + task.getId() + "/" + action, json(body), JsonNode.class);
  }

  private TestRestTemplate as(String user) {
    return anonymous.withBasicAuth(user, "demo");
  }

  private static void assertRefused(ResponseEntity<JsonNode> response, HttpStatus status, String message) {
    assertThat(response.getStatusCode()).isEqualTo(status);
    String text = response.getBody().has("message") ? response.getBody().get("message").asText() : response.getBody().get("detail").asText();
    assertThat(text).contains(message).doesNotContain("java.", "Exception");
  }

  static HttpEntity<Object> json(Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }
}
