package cn.zhenggai.rectification.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** The rounds API as a client uses it: each refusal with its status and a Chinese message, nothing changed by one. */
class RoundApiIT extends PostgresApplicationTest {

  @Autowired TestRestTemplate anonymous;
  @Autowired JdbcTemplate jdbc;
  @Autowired RuntimeService runtime;

  @Test
  void aRoundCreatedImportedCorrectedAndPublishedThroughTheApi() {
    TestRestTemplate department = anonymous.withBasicAuth("sup-orgdept", "demo");
    ResponseEntity<JsonNode> bad = department.postForEntity("/api/rounds", json("{\"name\":\"\",\"kind\":\"年中检查\"}"), JsonNode.class);
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(bad.getBody().get("detail").asText()).contains("请填写批次名称", "请选择批次类型", "请填写会议或报告日期");
    assertThat(jdbc.queryForObject("select count(*) from case_round where name = ''", Long.class)).isZero();

    ResponseEntity<JsonNode> created = department.postForEntity("/api/rounds", json("{\"name\":\"2024年巡察反馈\","
        + "\"kind\":\"巡察反馈\",\"heldOn\":\"2024-04-10\",\"defaultDeadline\":\"2024-12-31\"}"), JsonNode.class);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(created.getBody().get("code").asText()).isEqualTo("2024-XCFK");

    ResponseEntity<JsonNode> imported = department.postForEntity("/api/rounds/2024-XCFK/import", upload("反馈意见.txt",
        "巡察反馈的问题：\n一是组织生活不够规范。有的社区党组织三会一课记录不全。\n二是师德师风建设有差距。个别学校教师有偿补课问题仍有发生。\n"),
        JsonNode.class);
    assertThat(imported.getStatusCode()).as(String.valueOf(imported.getBody())).isEqualTo(HttpStatus.OK);
    assertThat(imported.getBody().get("problems")).hasSize(2);

    JsonNode round = department.getForObject("/api/rounds/2024-XCFK", JsonNode.class);
    assertThat(round.get("round").get("status").asText()).isEqualTo("DRAFT");
    assertThat(round.get("changes").get(0).get("what").asText()).startsWith("导入反馈意见.txt：拟出 2 个问题");

    ResponseEntity<JsonNode> published = department.postForEntity("/api/rounds/2024-XCFK/publish", json("{}"), JsonNode.class);
    assertThat(published.getStatusCode()).as(String.valueOf(published.getBody())).isEqualTo(HttpStatus.OK);
    assertThat(published.getBody().get("opened").asInt()).isEqualTo(2);
    ResponseEntity<JsonNode> again = department.postForEntity("/api/rounds/2024-XCFK/publish", json("{}"), JsonNode.class);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(again.getBody().get("detail").asText()).contains("不能再次发布");
    ResponseEntity<JsonNode> late = department.exchange("/api/rounds/2024-XCFK/problems", HttpMethod.PUT, json("[]"), JsonNode.class);
    assertThat(late.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(jdbc.queryForObject("select count(*) from case_problem where round_code = '2024-XCFK'", Long.class)).isEqualTo(2);
  }

  /** A round's own 回头看时间 reaches its cases; a bad one is refused naming the field, and no round is made. */
  @Test
  void aRoundsLookBackPeriodIsStoredAndGivenToItsCases() {
    TestRestTemplate department = anonymous.withBasicAuth("sup-orgdept", "demo");
    for (String bad : List.of("36", "0", "P6X", "-P1M", "P3Y")) {
      ResponseEntity<JsonNode> refused = department.postForEntity("/api/rounds", json("{\"name\":\"2025年审计整改\","
          + "\"kind\":\"审计整改\",\"heldOn\":\"2025-03-01\",\"defaultDeadline\":\"2025-12-31\",\"lookBackAfter\":\"" + bad + "\"}"),
          JsonNode.class);
      assertThat(refused.getStatusCode()).as(bad).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(refused.getBody().get("detail").asText()).as(bad).contains("回头看时间“" + bad + "”应为");
    }
    assertThat(jdbc.queryForObject("select count(*) from case_round where name = '2025年审计整改'", Long.class)).isZero();

    ResponseEntity<JsonNode> created = department.postForEntity("/api/rounds", json("{\"name\":\"2025年审计整改\","
        + "\"kind\":\"审计整改\",\"heldOn\":\"2025-03-01\",\"defaultDeadline\":\"2025-12-31\",\"lookBackAfter\":\"3\"}"),
        JsonNode.class);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String code = created.getBody().get("code").asText();
    assertThat(department.getForObject("/api/rounds/" + code, JsonNode.class).get("round").get("lookBackAfter").asText())
        .isEqualTo("P3M");
    department.postForEntity("/api/rounds/" + code + "/import", upload("审计报告.txt",
        "审计发现的问题：\n一是组织生活不够规范。有的社区党组织三会一课记录不全。\n"), JsonNode.class);
    ResponseEntity<JsonNode> published = department.postForEntity("/api/rounds/" + code + "/publish", json("{}"), JsonNode.class);
    assertThat(published.getStatusCode()).as(String.valueOf(published.getBody())).isEqualTo(HttpStatus.OK);

    List<ProcessInstance> cases = runtime.createProcessInstanceQuery().processDefinitionKey(RectificationCaseProcess.KEY)
        .processInstanceBusinessKeyLike(code + "/%").list();
    assertThat(cases).isNotEmpty().allSatisfy(opened -> assertThat(
        runtime.getVariable(opened.getId(), RectificationCaseProcess.LOOK_BACK_AFTER)).isEqualTo("P3M"));
  }

  @Test
  void othersReadOrAreTurnedAwayAndChangeNothing() {
    long rounds = jdbc.queryForObject("select count(*) from case_round", Long.class);
    ResponseEntity<JsonNode> commission = anonymous.withBasicAuth("sup-discipline", "demo")
        .postForEntity("/api/rounds", json("{\"name\":\"越权批次\",\"kind\":\"专项督查\",\"heldOn\":\"2024-04-10\","
            + "\"defaultDeadline\":\"2024-12-31\"}"), JsonNode.class);
    assertThat(commission.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(commission.getBody().get("detail").asText()).contains("只有组织部督导人员");
    assertThat(anonymous.withBasicAuth("leader", "demo").getForEntity("/api/rounds/2022-SZPY", JsonNode.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(anonymous.withBasicAuth("sec-chengguan", "demo").getForEntity("/api/rounds", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(anonymous.getForEntity("/api/rounds", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(anonymous.withBasicAuth("sup-orgdept", "demo").getForEntity("/api/rounds/NOPE", JsonNode.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(jdbc.queryForObject("select count(*) from case_round", Long.class)).isEqualTo(rounds);
  }

  private static HttpEntity<String> json(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }

  private static HttpEntity<MultiValueMap<String, Object>> upload(String name, String text) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("file", new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return name;
      }
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return new HttpEntity<>(parts, headers);
  }
}
