package cn.zhenggai.rectification.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.casework.CaseDriver;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Two people on one task through the REST API: the second is told, in Chinese, that someone else was first (409),
 * whether the task was claimed or already completed; an id that never was a task stays a 404.
 */
class TaskConflictsIT extends PostgresApplicationTest {

  @Autowired TestRestTemplate anonymous;
  @Autowired ProcessEngine engine;

  @Test
  void aTaskClaimedBySomeoneElseIsAConflictNamingWhoHasIt() {
    CaseDriver cases = new CaseDriver(engine);
    cases.submitPlan("4.2", "organs", "sec-organs"); // reviewed by the organization department or the discipline commission
    Task review = cases.unitTask("4.2", "organs");

    assertThat(claim("sup-orgdept", review).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    ResponseEntity<JsonNode> second = claim("sup-discipline", review);

    assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(second.getBody().get("message").asText()).isEqualTo("该任务已由 sup-orgdept 认领，请刷新后查看");
    assertThat(engine.getTaskService().createTaskQuery().taskId(review.getId()).singleResult().getAssignee()).isEqualTo("sup-orgdept");
  }

  @Test
  void completingATaskSomeoneElseHasJustCompletedIsAConflict() {
    CaseDriver cases = new CaseDriver(engine);
    Task draft = cases.unitTask("1.1", "street-xicheng");
    cases.submitPlan("1.1", "street-xicheng", "sec-xicheng");

    ResponseEntity<JsonNode> late = anonymous.withBasicAuth("sec-xicheng", "demo").postForEntity(
        "/engine-rest/task/" + draft.getId() + "/complete",
        Map.of("variables", Map.of("planMeasures", Map.of("value", "晚到的方案", "type", "String"))), JsonNode.class);

    assertThat(late.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(late.getBody().get("message").asText()).isEqualTo("该任务刚被其他人办理完成，请刷新后查看");
    assertThat(engine.getRuntimeService().getVariable(cases.unitTask("1.1", "street-xicheng").getExecutionId(), "planMeasures"))
        .isNotEqualTo("晚到的方案");
  }

  @Test
  void anIdThatWasNeverATaskIsNotFound() {
    ResponseEntity<JsonNode> unknown = anonymous.withBasicAuth("sec-xicheng", "demo").postForEntity(
        "/engine-rest/task/no-such-task/claim", Map.of("userId", "sec-xicheng"), JsonNode.class);

    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  private ResponseEntity<JsonNode> claim(String user, Task task) {
    return anonymous.withBasicAuth(user, "demo")
        .postForEntity("/engine-rest/task/" + task.getId() + "/claim", Map.of("userId", user), JsonNode.class);
  }
}
