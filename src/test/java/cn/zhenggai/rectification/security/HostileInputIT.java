package cn.zhenggai.rectification.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.casework.UnitRectificationProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
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

/** Broken and hostile input gets a clear 4xx, changes nothing, and shows up escaped or inert wherever it is shown. */
class HostileInputIT extends PostgresApplicationTest {

  @Autowired TestRestTemplate anonymous;
  @Autowired ProcessEngine engine;
  TestRestTemplate http;
  Task draft;

  @BeforeEach
  void signIn() {
    http = anonymous.withBasicAuth("sec-chengguan", "demo");
    draft = engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(UnitRectificationProcess.businessKey("1.1", "street-chengguan")).singleResult();
  }

  @Test
  void malformedJsonIsA400AndChangesNothing() {
    ResponseEntity<String> response = post("/engine-rest/task/" + draft.getId() + "/complete", "{\"variables\": {");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody()).contains("请求内容不是有效的 JSON");
    assertUnchanged();
  }

  @Test
  void jsonOfTheWrongShapeIsA400NamingTheField() {
    ResponseEntity<String> response = post("/engine-rest/task/" + draft.getId() + "/complete", "{\"variables\": [1, 2]}");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody()).contains("字段 variables 的值类型不符");
    assertUnchanged();
  }

  @Test
  void unknownIdsAre404() {
    assertThat(http.getForEntity("/api/cases/9.9", JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.getForEntity("/api/cases/9.9", JsonNode.class).getBody().get("detail").asText())
        .isEqualTo("没有编号为 9.9 的问题");
    assertThat(post("/engine-rest/task/no-such-task/complete", "{\"variables\":{}}").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void oversizeTextIsRefusedNamingTheField() {
    Map<String, Object> plan = plan("很长".repeat(2001));

    ResponseEntity<JsonNode> response = complete(plan);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().get("message").asText()).isEqualTo("“整改措施”（planMeasures）不能超过 4000 个字，现有 4002 个字");
    assertUnchanged();
  }

  @Test
  void anOversizeRequestIsRefusedBeforeItIsRead() {
    ResponseEntity<String> response = post("/engine-rest/task/" + draft.getId() + "/complete",
        "{\"variables\":{\"planMeasures\":{\"value\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}}}");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
    assertUnchanged();
  }

  @Test
  void wrongVariableTypesAreRefusedNamingTheField() {
    Map<String, Object> plan = plan("按月学习");
    plan.put(UnitRectificationProcess.PLAN_TARGET_DATE, Map.of("value", 20270131, "type", "Integer"));
    ResponseEntity<JsonNode> badDate = complete(plan);
    Map<String, Object> notText = plan("按月学习");
    notText.put(UnitRectificationProcess.PLAN_MEASURES, Map.of("value", true, "type", "Boolean"));
    ResponseEntity<JsonNode> badText = complete(notText);

    assertThat(badDate.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(badDate.getBody().get("message").asText()).contains("planTargetDate");
    assertThat(badText.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(badText.getBody().get("message").asText()).isEqualTo("“整改措施”（planMeasures）应为文字");
    assertUnchanged();
  }

  /** Kept verbatim as data; served only as JSON that no browser will run (Tasklist shows it in text areas). */
  @Test
  void scriptInFreeTextIsKeptAsTextAndServedInert() {
    String script = "<script>alert('x')</script><img src=x onerror=alert(1)>";
    Task other = engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(UnitRectificationProcess.businessKey("4.1", "street-chengguan")).singleResult();
    ResponseEntity<JsonNode> completed = http.exchange("/engine-rest/task/" + other.getId() + "/complete",
        HttpMethod.POST, new HttpEntity<>(Map.of("variables", plan(script)), jsonHeaders()), JsonNode.class);
    assertThat(completed.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    ResponseEntity<JsonNode> api = anonymous.withBasicAuth("sup-orgdept", "demo").getForEntity("/api/cases/4.1", JsonNode.class);

    assertThat(api.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
    assertThat(api.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(api.getHeaders().getFirst("Content-Security-Policy")).contains("default-src 'none'");
    assertThat(api.getBody().get("timeline").get(0).get("detail").asText()).startsWith("整改措施：" + script + "\n");
  }

  @Test
  void pathTricksAreRefused() {
    for (String path : List.of("/api/cases/..%2F..%2Fetc%2Fpasswd", "/api/cases/%2e%2e", "/api/cases/1.1%00")) {
      HttpStatus status = HttpStatus.valueOf(http.getForEntity(path, String.class).getStatusCode().value());
      assertThat(status).as(path).isIn(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND);
    }
  }

  @Test
  void errorsCarryNoStackTraceOrSql() {
    List<ResponseEntity<String>> errors = List.of(
        http.getForEntity("/api/cases/9.9", String.class),
        http.exchange("/engine-rest/task/x/complete", HttpMethod.POST, json("{\"variables\": {"), String.class),
        http.getForEntity("/api/no-such-endpoint", String.class),
        anonymous.getForEntity("/api/cases", String.class));

    assertThat(errors).allSatisfy(error -> {
      assertThat(error.getStatusCode().is4xxClientError()).isTrue();
      assertThat(error.getBody()).doesNotContain("\tat ", "Exception:", "select ", "SELECT ", "org.springframework");
    });
  }

  @Test
  void pagesSendSecurityHeadersAndTheSessionCookieIsHttpOnlyAndSameSite() {
    ResponseEntity<String> login = anonymous.getForEntity("/login", String.class);

    assertThat(login.getHeaders().getFirst("Content-Security-Policy")).isEqualTo(WebSecurity.CONTENT_SECURITY_POLICY);
    assertThat(login.getHeaders().getFirst("X-Frame-Options")).isEqualTo("SAMEORIGIN");
    assertThat(login.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(login.getHeaders().get(HttpHeaders.SET_COOKIE)).anySatisfy(cookie ->
        assertThat(cookie).startsWith("JSESSIONID=").contains("HttpOnly").contains("SameSite=Lax"));
    assertThat(login.getBody()).contains("name=\"_csrf\"");
  }

  private void assertUnchanged() {
    Task now = engine.getTaskService().createTaskQuery().taskId(draft.getId()).singleResult();
    assertThat(now).as("the task is still open").isNotNull();
    assertThat(engine.getTaskService().getVariables(draft.getId()))
        .doesNotContainKeys(UnitRectificationProcess.PLAN_MEASURES, UnitRectificationProcess.PLAN_TARGET_DATE);
  }

  private static Map<String, Object> plan(String measures) {
    Map<String, Object> plan = new HashMap<>();
    plan.put(UnitRectificationProcess.PLAN_MEASURES, Map.of("value", measures));
    plan.put(UnitRectificationProcess.PLAN_RESPONSIBLE_PERSON, Map.of("value", "王明"));
    plan.put(UnitRectificationProcess.PLAN_TARGET_DATE, Map.of("value", "2027-01-31"));
    return plan;
  }

  private ResponseEntity<JsonNode> complete(Map<String, Object> variables) {
    return http.exchange("/engine-rest/task/" + draft.getId() + "/complete", HttpMethod.POST,
        new HttpEntity<>(Map.of("variables", variables), jsonHeaders()), JsonNode.class);
  }

  private ResponseEntity<String> post(String path, String body) {
    return http.exchange(path, HttpMethod.POST, json(body), String.class);
  }

  private static HttpEntity<String> json(String body) {
    return new HttpEntity<>(body, jsonHeaders());
  }

  private static HttpHeaders jsonHeaders() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return headers;
  }
}
