package cn.zhenggai.rectification.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.PageSession;
import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.evidence.EvidenceSession;
import cn.zhenggai.rectification.evidence.SampleFiles;
import cn.zhenggai.rectification.notification.StoredChoices;
import cn.zhenggai.rectification.rounds.Actor;
import cn.zhenggai.rectification.rounds.RoundForm;
import cn.zhenggai.rectification.rounds.Rounds;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
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
  @Autowired Rounds rounds;
  @LocalServerPort int port;
  TestRestTemplate http;
  Task draft;
  RecordState before;

  @BeforeEach
  void signIn() {
    http = anonymous.withBasicAuth("sec-chengguan", "demo");
    draft = engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(UnitRectificationProcess.businessKey(DemoRound.key("1.1"), "street-chengguan")).singleResult();
    before = RecordState.of(engine, anonymous, draft);
  }

  /** What the round import cannot read is refused naming the file, changing nothing; pasted markup is shown as text. */
  @Test
  void roundImportsRefuseWhatTheyCannotReadAndShowPastedMarkupAsText() {
    String code = rounds.create(new RoundForm("2024-HOSTILE", "恶意输入测试批次", "专项督查", LocalDate.of(2024, 5, 10),
        LocalDate.of(2025, 6, 30)), new Actor("sup-orgdept", "赵明远"));
    PageSession orgDept = PageSession.signIn(port, "sup-orgdept");
    String path = "/supervision/rounds/" + code + "/import";
    byte[] large = "字".repeat(5 * 1024 * 1024 / 3 + 1000).getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> oversized = orgDept.upload(path, Map.of(), "file", "总结讲话.txt", large);
    HttpResponse<String> renamed = orgDept.upload(path, Map.of(), "file", "总结讲话.docx",
        "这其实是一个文本文件".getBytes(StandardCharsets.UTF_8));
    PageSession.Answer farTooLarge = orgDept.uploadTooLarge(path, 7 * 1024 * 1024);

    assertThat(oversized.statusCode()).isEqualTo(200);
    assertThat(oversized.body()).contains("文件“总结讲话.txt”大小为 5 MB，超过了 5 MB 的上限", "问题清单没有改变");
    assertThat(renamed.body()).contains("文件“总结讲话.docx”不是有效的 Word 文档（.docx）");
    assertThat(farTooLarge.statusCode()).isEqualTo(413);
    assertThat(farTooLarge.body()).contains("上传的内容超过 6 MB");
    assertThat(rounds.find(code).orElseThrow().sourceName()).isNull();
    assertThat(rounds.problems(code)).isEmpty();

    String script = "二、存在的差距和不足\n（一）理论学习不够深入。<script>alert('x')</script>有的党组织学习流于形式。\n";
    String page = orgDept.upload(path, Map.of("text", script), "file", "", new byte[0]).body();

    assertThat(page).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;").doesNotContain("<script>alert");
    assertThat(rounds.find(code).orElseThrow().sourceText()).contains("<script>alert('x')</script>");
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
    assertThat(http.getForEntity("/api/cases/2022-SZPY/9.9", JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.getForEntity("/api/cases/2022-SZPY/9.9", JsonNode.class).getBody().get("detail").asText())
        .isEqualTo("没有编号为 2022-SZPY/9.9 的问题");
    assertThat(post("/engine-rest/task/no-such-task/complete", "{\"variables\":{}}").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    for (ResponseEntity<JsonNode> missing : List.of(
        http.exchange("/engine-rest/task/no-such-task/complete", HttpMethod.POST, json("{}"), JsonNode.class),
        http.getForEntity("/engine-rest/task/no-such-task", JsonNode.class))) {
      assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(missing.getBody().get("message").asText()).isEqualTo("找不到该对象（或无权查看）");
    }
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
        .processInstanceBusinessKey(UnitRectificationProcess.businessKey(DemoRound.key("4.1"), "street-chengguan")).singleResult();
    ResponseEntity<JsonNode> completed = http.exchange("/engine-rest/task/" + other.getId() + "/complete",
        HttpMethod.POST, new HttpEntity<>(Map.of("variables", plan(script)), jsonHeaders()), JsonNode.class);
    assertThat(completed.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    ResponseEntity<JsonNode> api = anonymous.withBasicAuth("sup-orgdept", "demo").getForEntity("/api/cases/2022-SZPY/4.1", JsonNode.class);

    assertThat(api.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
    assertThat(api.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(api.getHeaders().getFirst("Content-Security-Policy")).contains("default-src 'none'");
    assertThat(api.getBody().get("timeline").get(0).get("detail").asText()).startsWith("整改措施：" + script + "\n");
  }

  /** The audit trail's filters: a value that cannot be one is a 400 naming its field; markup in one is shown as text. */
  /** A ledger page asked to begin after a made-up, tampered or mismatched position is a 400 naming after. */
  @Test
  void aForgedLedgerPositionIsA400NamingTheParameter() {
    TestRestTemplate supervisor = anonymous.withBasicAuth("sup-orgdept", "demo");
    String next = supervisor.getForObject("/api/ledger?round=all&limit=1", JsonNode.class).get("next").asText();
    List<String> paths = List.of(
        "/api/ledger?after=%25%25%25",
        "/api/ledger?after=" + base64("=x"),
        "/api/ledger?after=" + base64("=');drop table case_unit;--\n=x\n=y"),
        "/api/ledger?after=" + base64("~\n=street-chengguan"),
        "/api/ledger?sort=returns&after=" + next,
        "/api/ledger?sort=due&after=" + base64("=yesterday\n=2022-SZPY/1.1\n=organs"),
        "/api/ledger?after=" + next + "&offset=100",
        "/supervision/ledger?after=" + base64("=x"));
    for (String path : paths) {
      ResponseEntity<String> answer = supervisor.getForEntity(path, String.class);
      assertThat(answer.getStatusCode()).as(path).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(answer.getBody()).as(path).contains("after").doesNotContain("Exception", "select ");
    }
    assertThat(supervisor.getForEntity("/api/ledger?round=all&after=" + next, String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  /** The case list's paging refuses odd sizes and positions, naming the parameter. */
  @Test
  void oddCaseListPagingIsA400NamingTheParameter() {
    TestRestTemplate supervisor = anonymous.withBasicAuth("sup-orgdept", "demo");
    Map<String, String> refusals = Map.of(
        "/api/cases?limit=0", "limit",
        "/api/cases?limit=100000", "limit",
        "/api/cases?after=../../etc/passwd", "after",
        "/api/cases?after=2022-SZPY", "after");
    assertRefusedNaming(supervisor, refusals);
  }

  /** Each GET (path → the words its refusal must name) is a 400 naming them, with nothing of the server's inside. */
  private static void assertRefusedNaming(TestRestTemplate client, Map<String, String> refusals) {
    refusals.forEach((path, field) -> {
      ResponseEntity<String> answer = client.getForEntity(path, String.class);
      assertThat(answer.getStatusCode()).as(path).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(answer.getBody()).as(path).contains(field).doesNotContain("Exception", "select ");
    });
  }

  private static String base64(String text) {
    return Base64.getUrlEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void oddAuditFiltersAreA400NamingTheFieldAndMarkupIsShownAsText() {
    TestRestTemplate supervisor = anonymous.withBasicAuth("sup-orgdept", "demo");
    Map<String, String> refusals = Map.of(
        "/api/audit?to=2026-02-30", "截止日期 to",
        "/api/audit?from=2026-03-02&to=2026-03-01", "起始日期 from 不能晚于截止日期 to",
        "/api/audit?action=sign_in;drop", "操作 action",
        "/api/audit?case=../../etc", "问题 case",
        "/api/audit?offset=-1", "offset 不能为负",
        "/supervision/audit?page=abc", "页码 page",
        "/supervision/audit.xlsx?person=" + "x".repeat(256), "操作人 person");
    assertRefusedNaming(supervisor, refusals);
    String page = supervisor.getForObject("/supervision/audit?person=<script>alert(1)</script>", String.class);
    assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
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
        http.getForEntity("/api/cases/2022-SZPY/9.9", String.class),
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

  @Test
  void aChunkedBodyOverTheLimitIsA413AndChangesNothing() throws Exception {
    byte[] huge = ("{\"variables\":{\"planMeasures\":{\"value\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}}}")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    var request = java.net.http.HttpRequest.newBuilder(uri("/engine-rest/task/" + draft.getId() + "/complete"))
        .header("Authorization", basic("sec-chengguan"))
        .header("Content-Type", "application/json")
        // a stream of unknown length goes out chunked, without Content-Length
        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge)))
        .build();

    var response = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("请求内容超过 1 MB");
    assertUnchanged();
  }

  @Test
  void oddPathSegmentsAndTheBareErrorPageAreClientErrors() throws Exception {
    var client = java.net.http.HttpClient.newHttpClient();
    for (String path : List.of("/api/cases/..;/..;/engine-rest/user", "/api/cases/%2e%2e;/x", "/engine-rest/task;jsessionid=x")) {
      var response = client.send(java.net.http.HttpRequest.newBuilder(uri(path)).header("Authorization", basic("sec-chengguan")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(path).isEqualTo(400);
      assertThat(response.body()).as(path).contains("请求路径不合法").doesNotContain("Exception");
    }
    assertThat(anonymous.getForEntity("/error", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.getForEntity("/error", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void refusalsOfTheEngineNameNoClasses() {
    List<ResponseEntity<String>> refusals = List.of(
        anonymous.withBasicAuth("sup-orgdept", "demo").postForEntity("/engine-rest/message",
            json("{\"messageName\":\"no-such-message\"}"), String.class),
        post("/engine-rest/task/" + draft.getId() + "/complete",
            "{\"variables\":{\"planMeasures\":{\"value\":\"x\",\"type\":\"NoSuchType\"}}}"),
        post("/engine-rest/task/" + draft.getId() + "/complete",
            "{\"variables\":{\"planMeasures\":{\"value\":\"notaboolean\",\"type\":\"Boolean\"}}}"));

    assertThat(refusals).allSatisfy(refusal -> {
      assertThat(refusal.getStatusCode().is4xxClientError()).as(refusal.getBody()).isTrue();
      assertThat(refusal.getBody()).doesNotContain("java.", "Exception:", "MismatchingMessageCorrelation", "org.camunda");
      assertThat(refusal.getBody()).containsPattern("[\\u4e00-\\u9fa5]");
    });
    assertUnchanged();
  }

  @Test
  void aPreferenceTakesItsOwnTypeOnly() {
    for (String body : List.of("{\"digest\": 1}", "{\"digest\": \"true\"}", "{\"digest\": null}", "{\"digest\": true, \"x\": 1}",
        "{\"digest\": ", "[true]", "null")) {
      ResponseEntity<JsonNode> response = http.exchange("/api/me/notification-preference", HttpMethod.PUT, json(body), JsonNode.class);
      assertThat(response.getStatusCode()).as(body).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(response.getBody().get("detail").asText()).contains("digest");
    }
    assertThat(engine.getIdentityService().getUserInfo("sec-chengguan", "rectification.digest")).isNull();
  }

  /** A page of another site posting without our token is refused; the person stays signed in, the half-filled form kept. */
  @Test
  void aRefusedCrossSitePostLeavesTheSessionAlive() {
    SignedInClient client = SignedInClient.signIn(anonymous.getRootUri(), "sup-orgdept");

    for (String path : List.of("/logout", "/supervision/", "/camunda/api/engine/engine/default/task/" + draft.getId() + "/claim",
        "/extensions/tasks/" + draft.getId())) {
      var forged = client.send("POST", path, "application/json", "{\"userId\":\"sup-orgdept\"}", "Origin", "https://evil.example");
      assertThat(forged.statusCode()).as(path).isEqualTo(403);
      assertThat(client.get("/supervision/").statusCode()).as("signed in after a forged POST to " + path).isEqualTo(200);
    }
    assertUnchanged();
  }

  /** Amendments (organization department): bad dates, an overlong reason, odd unit ids are a 400 naming the field. */
  @Test
  void amendmentsRefuseBadDatesOverlongReasonsAndOddUnitIds() {
    TestRestTemplate department = anonymous.withBasicAuth("sup-orgdept", "demo");
    JsonNode before = department.getForObject("/api/cases/2022-SZPY/2.2", JsonNode.class);
    for (String date : List.of("2027-13-01", "2027-02-30", "２０２７-０１-０１", "+99999-01-01", "2027-1-1", "2000-01-01",
        "2027-01-01T00:00:00Z", "null")) {
      ResponseEntity<JsonNode> refused = department.exchange("/api/cases/2022-SZPY/2.2/deadline", HttpMethod.PUT,
          json("{\"deadline\": \"" + date + "\", \"reason\": \"调整\"}"), JsonNode.class);
      assertThat(refused.getStatusCode()).as(date).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(refused.getBody().get("detail").asText()).as(date).contains("整改时限");
    }
    for (String body : List.of("{\"deadline\": [2027, 1, 1], \"reason\": \"调整\"}", "{\"deadline\": ", "[]")) {
      ResponseEntity<JsonNode> refused = department.exchange("/api/cases/2022-SZPY/2.2/deadline", HttpMethod.PUT, json(body), JsonNode.class);
      assertThat(refused.getStatusCode()).as(body).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(refused.getBody().get("detail").asText()).as(body).contains("JSON").doesNotContain("Exception", "java.");
    }
    ResponseEntity<JsonNode> overlong = department.exchange("/api/cases/2022-SZPY/2.2/withdrawal", HttpMethod.POST,
        json("{\"reason\": \"" + "长".repeat(501) + "\"}"), JsonNode.class);
    assertThat(overlong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(overlong.getBody().get("detail").asText()).isEqualTo("调整理由不能超过 500 个字");
    for (String unitId : List.of("../../engine-rest/user", "org-dept", "<script>alert(1)</script>", "x".repeat(300), "")) {
      ResponseEntity<JsonNode> refused = department.exchange("/api/cases/2022-SZPY/2.2/units", HttpMethod.POST,
          new HttpEntity<>(Map.of("unitId", unitId, "reason", "增加"), jsonHeaders()), JsonNode.class);
      assertThat(refused.getStatusCode()).as(unitId).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(refused.getBody().get("detail").asText().length()).as(unitId).isLessThan(120);
    }
    for (String path : List.of("/api/cases/2022-SZPY/2.2/units/..%2F..%2Fengine-rest%2Fuser", "/api/cases/2022-SZPY/2.2/units/%2e%2e",
        "/api/cases/2022-SZPY/2.2/units/no-such-unit", "/api/cases/2022-SZPY/2.2/units/street-chengguan%00")) {
      HttpStatus status = HttpStatus.valueOf(department.exchange(java.net.URI.create(anonymous.getRootUri() + path), HttpMethod.DELETE,
          new HttpEntity<>(Map.of("reason", "撤销"), jsonHeaders()), String.class).getStatusCode().value());
      assertThat(status).as(path).isIn(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND);
    }
    ResponseEntity<JsonNode> unknownProblem = department.exchange("/api/cases/2022-SZPY/9.9/withdrawal", HttpMethod.POST,
        json("{\"reason\": \"撤销\"}"), JsonNode.class);
    assertThat(unknownProblem.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(department.getForObject("/api/cases/2022-SZPY/2.2", JsonNode.class)).isEqualTo(before);
  }

  /** A reason is kept verbatim and shown as text on the case page, never as markup. */
  @Test
  void scriptInAnAmendmentReasonIsShownEscaped() {
    TestRestTemplate department = anonymous.withBasicAuth("sup-orgdept", "demo");
    String script = "<script>alert('x')</script><img src=x onerror=alert(1)>";
    ResponseEntity<JsonNode> moved = department.exchange("/api/cases/2022-SZPY/3.2/deadline", HttpMethod.PUT,
        new HttpEntity<>(Map.of("deadline", "2027-04-30", "reason", script), jsonHeaders()), JsonNode.class);
    assertThat(moved.getStatusCode()).isEqualTo(HttpStatus.OK);

    String page = department.getForObject("/supervision/cases/2022-SZPY/3.2", String.class);

    assertThat(page).contains("理由：&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;")
        .doesNotContain("<script>alert", "<img src=x");
  }

  /**
   * Evidence files: markup inside an accepted text file is downloaded as text under a policy that runs nothing; markup
   * as a file of its own, and odd ids and paths, are client errors without internals.
   */
  @Test
  void evidenceIsServedInertAndOddEvidenceRequestsAreClientErrors() {
    Task evidenceTask = engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(UnitRectificationProcess.businessKey(DemoRound.key("3.3"), "street-chengguan")).singleResult();
    EvidenceSession secretary = EvidenceSession.signIn(port, "sec-chengguan");
    byte[] text = "会议纪要：\n讨论了<script>alert(document.cookie)</script>整改措施。\n".getBytes(StandardCharsets.UTF_8);
    var stored = secretary.upload(evidenceTask.getId(), "会议纪要.txt", text);
    assertThat(stored.statusCode()).as(secretary.text(stored)).isEqualTo(201);
    String url = "/evidence/files/" + secretary.text(stored).replaceAll(".*\"id\":(\\d+).*", "$1");

    var served = EvidenceSession.signIn(port, "sup-orgdept").get(url);

    assertThat(served.body()).isEqualTo(text);
    assertThat(served.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
    assertThat(served.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;");
    assertThat(served.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(served.headers().allValues("Content-Security-Policy")).containsExactly("default-src 'none'; sandbox");
    for (var refused : List.of(secretary.upload(evidenceTask.getId(), "通知.txt", SampleFiles.htmlWithScript()),
        secretary.upload(evidenceTask.getId(), "图.png", SampleFiles.svgWithScript()),
        secretary.get("/evidence/files/..%2F..%2Fetc%2Fpasswd"), secretary.get("/evidence/files/1%00"),
        secretary.get("/evidence/files/99999999999999999999"), secretary.get("/evidence/cases/..%2F..%2Fx.zip"),
        secretary.get("/evidence/tasks/%2e%2e"))) {
      assertThat(refused.statusCode()).as(refused.request().uri().toString()).isBetween(400, 404);
      assertThat(secretary.text(refused)).as(refused.request().uri().toString())
          .doesNotContain("\tat ", "Exception", "select ", "org.springframework");
    }
  }

  /**
   * Requests for more time: bodies of the wrong shape, impossible dates and an overlong reason are a 400 naming the
   * field, odd paths a client error, none with a trace; script in a reason is kept as written and served as JSON.
   */
  @Test
  void oddExtensionRequestsAreClientErrorsAndAReasonIsKeptAsText() throws Exception {
    Task plan = engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(UnitRectificationProcess.businessKey(DemoRound.key("3.2"), "street-chengguan")).singleResult();
    EvidenceSession secretary = EvidenceSession.signIn(port, "sec-chengguan");
    String path = "/extensions/tasks/" + plan.getId();
    String until = plan.getDueDate().toInstant().atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate().plusDays(3).toString();
    for (var odd : List.of(
        Map.entry("[]", "JSON"), Map.entry("\"2027-07-01\"", "JSON"), Map.entry("{\"until\":{},\"reason\":\"x\"}", "JSON"),
        Map.entry("{\"until\":\"2027-02-30\",\"reason\":\"理由\"}", "until"),
        Map.entry("{\"until\":\"30/06/2027\",\"reason\":\"理由\"}", "until"),
        Map.entry("{\"until\":\"" + until + "\",\"reason\":\"" + "长".repeat(501) + "\"}", "reason"),
        Map.entry("{\"until\":\"" + until + "\",\"reason\":\"\\u200b\\u3000\"}", "reason"))) {
      var refused = secretary.send("POST", path, "application/json", odd.getKey().getBytes(StandardCharsets.UTF_8));
      assertThat(refused.statusCode()).as(odd.getKey()).isEqualTo(400);
      assertThat(secretary.text(refused)).as(odd.getKey()).contains(odd.getValue())
          .doesNotContain("\tat ", "Exception", "select ", "org.springframework");
    }
    for (var odd : List.of(secretary.get("/extensions/tasks/%2e%2e"), secretary.get("/extensions/tasks/99999999999999999999"),
        secretary.get("/extensions/tasks/x%00y"), secretary.send("PUT", path, "application/json", "{}".getBytes(StandardCharsets.UTF_8)))) {
      assertThat(odd.statusCode()).as(odd.request().uri().toString()).isBetween(400, 405);
      assertThat(secretary.text(odd)).doesNotContain("\tat ", "Exception", "select ", "org.springframework");
    }
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(plan.getProcessInstanceId())
        .taskDefinitionKey(UnitRectificationProcess.TASK_REVIEW_EXTENSION).count()).as("nothing asked yet").isZero();

    String script = "<script>alert(document.cookie)</script>人手不足";
    var asked = secretary.send("POST", path, "application/json",
        ("{\"until\":\"" + until + "\",\"reason\":\"" + script.replace("\"", "\\\"") + "\"}").getBytes(StandardCharsets.UTF_8));
    assertThat(asked.statusCode()).as(secretary.text(asked)).isEqualTo(201);
    var shown = secretary.get(path);
    assertThat(shown.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(shown.body()).path("pending").path("reason").asText())
        .isEqualTo(script);
  }

  /**
   * A person's channel through the APIs (their own, and an administrator's for somebody else): broken JSON, the wrong
   * shape, unknown fields, a mobile that is markup, SQL, 20 digits or full-width digits, a channel not spelled as ours
   * are each a 400 naming the field, without internals; a body over 1 MB is refused unread (413); nothing is stored.
   */
  @Test
  void oddChannelChoicesAreA400NamingTheFieldAndStoreNothing() {
    Map<String, String> before = StoredChoices.ofEveryone(engine.getIdentityService());
    String channel = "channel（通知方式）";
    String mobile = "mobile（手机号码）";
    List<Map.Entry<String, String>> odd = List.of(
        Map.entry("{\"channel\": ", channel),
        Map.entry("[]", channel),
        Map.entry("[\"SMS\", \"13800000000\"]", channel),
        Map.entry("\"SMS\"", channel),
        Map.entry("null", channel),
        Map.entry("{\"channel\": \"SMS\", \"mobile\": \"13800000000\", \"userId\": \"leader\"}", "不认识的字段 userId"),
        Map.entry("{\"channel\": \"SMS\", \"mobile\": \"<script>alert(1)</script>\"}", mobile),
        Map.entry("{\"channel\": \"SMS\", \"mobile\": \"13800000000' OR '1'='1\"}", mobile),
        Map.entry("{\"channel\": \"SMS\", \"mobile\": \"1380000000; delete from act_id_info; --\"}", mobile),
        Map.entry("{\"channel\": \"SMS\", \"mobile\": \"13800000000123456789\"}", mobile),
        Map.entry("{\"channel\": \"SMS\", \"mobile\": \"１３８００００００００\"}", mobile),
        Map.entry("{\"channel\": \"SMS\", \"mobile\": 13800000000}", mobile),
        Map.entry("{\"channel\": \"SMS\", \"mobile\": \"" + "1".repeat(100_000) + "\"}", mobile),
        Map.entry("{\"channel\": \"SMS\"}", mobile),
        Map.entry("{\"channel\": \"sms\", \"mobile\": \"13800000000\"}", channel),
        Map.entry("{\"channel\": \"PIGEON\", \"mobile\": \"13800000000\"}", channel),
        Map.entry("{\"channel\": 1, \"mobile\": \"13800000000\"}", channel));
    Map<String, TestRestTemplate> senders = Map.of("/api/me/channel", http,
        "/api/users/leader/channel", anonymous.withBasicAuth("admin", "demo"));
    for (Map.Entry<String, String> choice : odd) {
      String body = choice.getKey().length() > 80 ? choice.getKey().substring(0, 80) + "…" : choice.getKey();
      senders.forEach((path, sender) -> {
        ResponseEntity<JsonNode> refused = sender.exchange(path, HttpMethod.PUT, json(choice.getKey()), JsonNode.class);
        assertThat(refused.getStatusCode()).as(path + " " + body).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().get("detail").asText()).as(path + " " + body).contains(choice.getValue())
            .doesNotContain("Exception", "java.", "<script>").hasSizeLessThan(160);
      });
    }
    ResponseEntity<String> huge = http.exchange("/api/me/channel", HttpMethod.PUT,
        json("{\"channel\": \"SMS\", \"mobile\": \"" + "1".repeat(2 * 1024 * 1024) + "\"}"), String.class);
    assertThat(huge.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
    assertThat(huge.getBody()).contains("请求内容超过 1 MB");
    assertThat(StoredChoices.ofEveryone(engine.getIdentityService())).as("nothing stored").isEqualTo(before);
  }

  /**
   * The same on the pages (a person's own, an administrator's for others): the form comes back (400) with the reason
   * naming the field and the text as typed, markup shown as text; odd searches, pages and accounts are client errors.
   */
  @Test
  void oddChannelFormsComeBackAsTypedNamingTheFieldAndStoreNothing() {
    Map<String, String> before = StoredChoices.ofEveryone(engine.getIdentityService());
    String script = "<script>alert(1)</script>";
    List<Map.Entry<List<Map.Entry<String, String>>, String>> odd = List.of(
        Map.entry(List.of(Map.entry("channel", "SMS"), Map.entry("mobile", script)), "mobile（手机号码）"),
        Map.entry(List.of(Map.entry("channel", "SMS"), Map.entry("mobile", "13800000000' OR '1'='1")), "mobile（手机号码）"),
        Map.entry(List.of(Map.entry("channel", "SMS"), Map.entry("mobile", "１３８００００００００")), "mobile（手机号码）"),
        Map.entry(List.of(Map.entry("channel", "SMS"), Map.entry("mobile", "13800000000123456789")), "mobile（手机号码）"),
        Map.entry(List.of(Map.entry("channel", "sms"), Map.entry("mobile", "13800000000")), "channel（通知方式）"),
        Map.entry(List.of(Map.entry("mobile", "13800000000")), "channel（通知方式）"),
        Map.entry(List.of(Map.entry("channel", "EMAIL"), Map.entry("mobile", ""), Map.entry("digest", "yes")), "digest（每日汇总）"));
    PageSession secretary = PageSession.signIn(port, "sec-chengguan");
    PageSession administrator = PageSession.signIn(port, "admin");
    for (var form : odd) {
      for (var page : List.of(Map.entry("/me/notices", secretary), Map.entry("/operations/channels/leader", administrator))) {
        if (page.getKey().startsWith("/operations") && form.getValue().startsWith("digest")) {
          continue; // the digest is the person's own choice, not on the administrators' page
        }
        HttpResponse<String> refused = page.getValue().post(page.getKey(), form.getKey());
        assertThat(refused.statusCode()).as(page.getKey() + " " + form.getKey()).isEqualTo(400);
        assertThat(refused.body()).as(page.getKey() + " " + form.getKey()).contains(form.getValue()).doesNotContain(script);
      }
    }
    assertThat(administrator.post("/operations/channels/leader", odd.get(0).getKey()).body())
        .contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\"");

    HttpResponse<String> search = administrator.get("/operations/channels?q=" + java.net.URLEncoder.encode(script, StandardCharsets.UTF_8));
    assertThat(search.statusCode()).isEqualTo(200);
    assertThat(search.body()).contains("没有找到姓名或账号含“&lt;script&gt;alert(1)&lt;/script&gt;”的人").doesNotContain(script);
    assertThat(administrator.get("/operations/channels?q=%25").body()).as("% is a character, not a wildcard").contains("没有找到");
    for (String page : List.of("abc", "99999999999", "1%27")) {
      HttpResponse<String> refused = administrator.get("/operations/channels?page=" + page);
      assertThat(refused.statusCode()).as(page).isEqualTo(400);
      assertThat(refused.body()).as(page).contains("page（页码）");
    }
    HttpResponse<String> nearest = administrator.get("/operations/channels?page=-5");
    assertThat(nearest.statusCode()).isEqualTo(200);
    assertThat(nearest.body()).as("the nearest page").contains("马国强");
    assertThat(administrator.post("/operations/channels/no-such-user", odd.get(0).getKey()).statusCode()).isEqualTo(404);
    assertThat(administrator.post("/operations/channels/..%2F..%2Fengine-rest%2Fuser", odd.get(0).getKey()).statusCode())
        .isEqualTo(400);
    assertThat(StoredChoices.ofEveryone(engine.getIdentityService())).as("nothing stored").isEqualTo(before);
  }

  /**
   * The administrators' page of notices: an unknown status, a page that is not a positive number, an id that is not a
   * number and an unknown channel are a 400 naming the field, without internals; nothing is sent again.
   */
  @Test
  void thePageOfNoticesRefusesOddStatusesPagesIdsAndChannels(@Autowired org.springframework.jdbc.core.JdbcTemplate jdbc) {
    long failed = jdbc.queryForObject("select min(id) from notification where channel = 'EMAIL'", Long.class);
    jdbc.update("update notification set status = 'FAILED', last_error = '测试：发送失败' where id = ?", failed);
    PageSession administrator = PageSession.signIn(port, "admin");
    for (var odd : List.of(Map.entry("status=PIGEON", "status（状态）"), Map.entry("status=failed", "status（状态）"),
        Map.entry("status=SENDING", "status（状态）"), Map.entry("status=%3Cscript%3Ealert(1)%3C/script%3E", "status（状态）"),
        Map.entry("page=0", "page（页码）"), Map.entry("page=-1", "page（页码）"), Map.entry("page=abc", "page（页码）"),
        Map.entry("page=99999999999999999999", "page（页码）"), Map.entry("page=1e3", "page（页码）"))) {
      HttpResponse<String> refused = administrator.get("/operations/notices?" + odd.getKey());
      assertThat(refused.statusCode()).as(odd.getKey()).isEqualTo(400);
      assertThat(refused.body()).as(odd.getKey()).contains(odd.getValue())
          .doesNotContain("<script>alert", "\tat ", "Exception", "select ");
    }
    HttpResponse<String> farPage = administrator.get("/operations/notices?page=2147483647");
    assertThat(farPage.statusCode()).as("a page far past the last").isEqualTo(200);
    assertThat(farPage.body()).contains("这一页没有通知");
    for (String id : List.of("abc", "1.5", "99999999999999999999", "0x10")) {
      HttpResponse<String> refused = administrator.post("/operations/notices/" + id + "/retry", List.of());
      assertThat(refused.statusCode()).as(id).isEqualTo(400);
      assertThat(refused.body()).as(id).contains("通知编号须为数字").doesNotContain("Exception");
    }
    assertThat(administrator.post("/operations/notices/99999999/retry", List.of()).body()).contains("该通知已不是发送失败状态");
    for (List<Map.Entry<String, String>> fields : List.of(List.of(Map.entry("channel", "PIGEON")),
        List.of(Map.entry("channel", "email")), List.<Map.Entry<String, String>>of())) {
      HttpResponse<String> refused = administrator.post("/operations/notices/retry-all", fields);
      assertThat(refused.statusCode()).as(fields.toString()).isEqualTo(400);
      assertThat(refused.body()).as(fields.toString()).contains("channel（渠道）");
    }
    assertThat(jdbc.queryForObject("select status from notification where id = ?", String.class, failed))
        .as("nothing sent again").isEqualTo("FAILED");
  }

  private java.net.URI uri(String path) {
    return java.net.URI.create(anonymous.getRootUri() + path);
  }

  private static String basic(String user) {
    return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":demo").getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private void assertUnchanged() {
    before.assertUnchanged();
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
