package cn.zhenggai.rectification.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * What a refused request must leave as it was: the task (open, holder, name, due date), every variable of its case,
 * the case as the register shows it to a supervisor (rows and timeline), and the people's names and emails.
 */
record RecordState(ProcessEngine engine, TestRestTemplate http, String taskId, String task, Map<String, Object> variables,
    JsonNode register, List<String> people) {

  static RecordState of(ProcessEngine engine, TestRestTemplate anonymous, Task task) {
    TestRestTemplate supervisor = anonymous.withBasicAuth("sup-orgdept", "demo");
    return new RecordState(engine, supervisor, task.getId(), describe(engine, task.getId()),
        variables(engine, task.getProcessInstanceId()), register(engine, supervisor, task.getProcessInstanceId()), people(engine));
  }

  void assertUnchanged() {
    Task now = engine.getTaskService().createTaskQuery().taskId(taskId).singleResult();
    assertThat(now).as("the task is still open").isNotNull();
    assertThat(describe(engine, taskId)).as("the task").isEqualTo(task);
    assertThat(variables(engine, now.getProcessInstanceId())).as("the case's variables").isEqualTo(variables);
    assertThat(register(engine, http, now.getProcessInstanceId())).as("the register").isEqualTo(register);
    assertThat(people(engine)).as("the people").isEqualTo(people);
  }

  private static String describe(ProcessEngine engine, String taskId) {
    Task task = engine.getTaskService().createTaskQuery().taskId(taskId).singleResult();
    return task.getName() + "|" + task.getAssignee() + "|" + task.getDueDate() + "|" + task.getFollowUpDate()
        + "|" + engine.getTaskService().getIdentityLinksForTask(taskId).stream()
            .map(link -> link.getType() + ":" + link.getGroupId() + ":" + link.getUserId()).sorted().toList();
  }

  private static Map<String, Object> variables(ProcessEngine engine, String processInstanceId) {
    Map<String, Object> all = new TreeMap<>();
    engine.getRuntimeService().createVariableInstanceQuery().processInstanceIdIn(processInstanceId).list()
        .forEach(variable -> all.put(variable.getName() + "@" + variable.getActivityInstanceId(), variable.getValue()));
    return all;
  }

  private static JsonNode register(ProcessEngine engine, TestRestTemplate supervisor, String processInstanceId) {
    String businessKey = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(processInstanceId)
        .singleResult().getBusinessKey();
    var shown = (com.fasterxml.jackson.databind.node.ObjectNode)
        supervisor.getForEntity("/api/cases/" + businessKey.substring(0, businessKey.lastIndexOf('/')), JsonNode.class).getBody();
    shown.remove("notifications"); // the mail sender works on these meanwhile
    return shown;
  }

  private static List<String> people(ProcessEngine engine) {
    return engine.getIdentityService().createUserQuery().orderByUserId().asc().list().stream()
        .map(user -> user.getId() + "|" + user.getFirstName() + "|" + user.getLastName() + "|" + user.getEmail())
        .toList();
  }
}
