package cn.zhenggai.rectification.casework;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
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
 * The date fields of a task as Tasklist saves them: the whole task sent back, form reference included. Whoever may work
 * a task sets its follow-up date; supervisors move its due date, recorded in the case's timeline and the register.
 */
class TaskDatesIT extends PostgresApplicationTest {

  @Autowired TestRestTemplate anonymous;
  @Autowired ProcessEngine engine;

  @Test
  void aSecretarySetsAFollowUpDateButCannotMoveHerDueDate() {
    Task draft = draft("3.1");
    Date due = draft.getDueDate();

    ObjectNode followUp = asTasklistSendsIt("sec-chengguan", draft);
    followUp.put("followUp", "2026-12-20T09:00:00.000+0800");
    ResponseEntity<JsonNode> saved = save("sec-chengguan", draft, followUp);
    ObjectNode named = asTasklistSendsIt("sec-chengguan", draft);
    named.put("followUp", "2026-12-21T09:00:00.000+0800");
    ResponseEntity<JsonNode> savedByEngineName = as("sec-chengguan").exchange(
        "/engine-rest/engine/default/task/" + draft.getId(), HttpMethod.PUT, json(named), JsonNode.class);
    ObjectNode later = asTasklistSendsIt("sec-chengguan", draft);
    later.put("due", "2099-12-31T23:59:59.000+0800");
    ResponseEntity<JsonNode> moved = save("sec-chengguan", draft, later);
    ObjectNode renamed = asTasklistSendsIt("sec-chengguan", draft);
    renamed.put("name", "改过的名字");
    ResponseEntity<JsonNode> rename = save("sec-chengguan", draft, renamed);

    assertThat(saved.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(savedByEngineName.getStatusCode()).as("the same API under the engine's name").isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(moved.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(moved.getBody().get("message").asText()).isEqualTo("只有该问题的督办单位可以修改截止日期");
    assertThat(rename.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    Task after = engine.getTaskService().createTaskQuery().taskId(draft.getId()).singleResult();
    assertThat(after.getFollowUpDate().toInstant())
        .isEqualTo(java.time.OffsetDateTime.parse("2026-12-21T09:00:00+08:00").toInstant());
    assertThat(after.getDueDate()).isEqualTo(due);
    assertThat(after.getName()).isEqualTo(draft.getName());
  }

  @Test
  void aSupervisorMovesADueDateAndItIsRecordedButNeverCleared() {
    Task draft = draft("3.2");

    ObjectNode cleared = asTasklistSendsIt("sup-orgdept", draft);
    cleared.putNull("due");
    ResponseEntity<JsonNode> clear = save("sup-orgdept", draft, cleared);
    ObjectNode later = asTasklistSendsIt("sup-orgdept", draft);
    later.put("due", "2027-01-20T18:00:00.000+0800");
    ResponseEntity<JsonNode> moved = save("sup-orgdept", draft, later);

    assertThat(clear.getStatusCode()).as(String.valueOf(clear.getBody())).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(clear.getBody().get("message").asText()).isEqualTo("截止日期不能清除，只能改为另一天");
    assertThat(moved.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    Task after = engine.getTaskService().createTaskQuery().taskId(draft.getId()).singleResult();
    assertThat(after.getDueDate().toInstant()).isEqualTo(java.time.OffsetDateTime.parse("2027-01-20T18:00:00+08:00").toInstant());
    JsonNode theCase = as("sup-orgdept").getForEntity("/api/cases/2022-SZPY/3.2", JsonNode.class).getBody();
    assertThat(theCase.get("timeline").toString()).contains("修改截止日期").contains("→ 2027-01-20 18:00");
    JsonNode row = java.util.stream.StreamSupport.stream(theCase.get("units").spliterator(), false)
        .filter(unit -> unit.get("unitId").asText().equals("street-chengguan")).findFirst().orElseThrow();
    assertThat(row.get("dueAt").asText()).isEqualTo("2027-01-20T10:00:00Z");
  }

  /** The problem's own supervisors, on its units' tasks, into the future: nobody else, not their own tasks, not back. */
  @Test
  void aDueDateIsMovedOnlyByTheProblemsSupervisorsOnTheUnitsTasksIntoTheFuture() {
    Task draft = draft("3.3");
    Date due = draft.getDueDate();
    ObjectNode byOthers = asTasklistSendsIt("sup-discipline", draft);
    byOthers.put("due", "2027-01-20T18:00:00.000+0800");
    ObjectNode back = asTasklistSendsIt("sup-orgdept", draft);
    back.put("due", "2020-01-20T18:00:00.000+0800");

    ResponseEntity<JsonNode> notTheirs = save("sup-discipline", draft, byOthers);
    ResponseEntity<JsonNode> past = save("sup-orgdept", draft, back);

    assertThat(notTheirs.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(notTheirs.getBody().get("message").asText()).isEqualTo("只有该问题的督办单位可以修改截止日期");
    assertThat(past.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(past.getBody().get("message").asText()).isEqualTo("新的截止日期不能早于现在");
    assertThat(engine.getTaskService().createTaskQuery().taskId(draft.getId()).singleResult().getDueDate()).isEqualTo(due);

    assertThat(as("sec-chengguan").exchange("/engine-rest/task/" + draft.getId() + "/complete", HttpMethod.POST,
        json(Map.of("variables", Map.of("planMeasures", Map.of("value", "按月学习"), "planResponsiblePerson", Map.of("value", "王明"),
            "planTargetDate", Map.of("value", "2027-03-31")))), String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    Task review = draft("3.3");
    ObjectNode own = asTasklistSendsIt("sup-orgdept", review);
    own.put("due", "2027-01-20T18:00:00.000+0800");
    ResponseEntity<JsonNode> ownTask = save("sup-orgdept", review, own);
    assertThat(ownTask.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(ownTask.getBody().get("message").asText()).isEqualTo("不能修改本组自己待办的截止日期");
  }

  /** The task as Tasklist holds it and sends it back: everything GET /task/{id} gave, form reference included. */
  private ObjectNode asTasklistSendsIt(String user, Task task) {
    ObjectNode body = (ObjectNode) as(user).getForEntity("/engine-rest/task/" + task.getId(), JsonNode.class).getBody();
    assertThat(body.has("camundaFormRef")).as("Tasklist sends the form reference back").isTrue();
    return body;
  }

  private ResponseEntity<JsonNode> save(String user, Task task, ObjectNode body) {
    return as(user).exchange("/engine-rest/task/" + task.getId(), HttpMethod.PUT, json(body), JsonNode.class);
  }

  private static HttpEntity<Object> json(Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }

  private Task draft(String problemId) {
    return engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(UnitRectificationProcess.businessKey(DemoRound.key(problemId), "street-chengguan")).singleResult();
  }

  private TestRestTemplate as(String user) {
    return anonymous.withBasicAuth(user, "demo");
  }
}
