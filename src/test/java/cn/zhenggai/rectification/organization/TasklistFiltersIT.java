package cn.zhenggai.rectification.organization;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;

/** The Tasklist filters each person sees, and what they hold, through the REST API Tasklist itself uses. */
class TasklistFiltersIT extends PostgresApplicationTest {

  @Autowired TestRestTemplate http;
  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;

  @Test
  void unitsSeeFourFiltersAndSupervisorsAlsoTheOverdueOfAllUnits() {
    assertThat(filterNames("sec-chengguan")).containsExactlyInAnyOrder("我的待办", "本单位待办", "即将到期", "已逾期");
    assertThat(filterNames("sup-orgdept")).containsExactlyInAnyOrder("我的待办", "本单位待办", "即将到期", "已逾期", "全部逾期");
    assertThat(filterNames("leader")).contains("全部逾期");
  }

  @Test
  void everyFilterShowsTheRoundOfEachTask() {
    JsonNode filters = http.withBasicAuth("sec-chengguan", "demo").getForObject("/engine-rest/filter?resourceType=Task", JsonNode.class);
    assertThat(filters).hasSize(4).allSatisfy(filter -> assertThat(filter.get("properties").get("variables"))
        .anySatisfy(column -> assertThat(column.get("name").asText() + " " + column.get("label").asText())
            .isEqualTo("roundName 整改批次")));
  }

  @Test
  void theFiltersHoldWhatTheirNamesSay() {
    Task overdue = task("1.1", "street-chengguan");
    Task dueSoon = task("2.1", "street-chengguan");
    Task otherUnitOverdue = task("1.1", "street-dongcheng");
    jdbc.update("update act_ru_task set due_date_ = now() - interval '1 day' where id_ in (?, ?)", overdue.getId(), otherUnitOverdue.getId());
    jdbc.update("update act_ru_task set due_date_ = now() + interval '1 day' where id_ = ?", dueSoon.getId());
    engine.getTaskService().claim(task("2.2", "street-chengguan").getId(), "sec-chengguan");

    assertThat(taskIds("sec-chengguan", "已逾期")).containsExactly(overdue.getId());
    assertThat(taskIds("sec-chengguan", "即将到期")).containsExactly(dueSoon.getId());
    assertThat(taskIds("sec-chengguan", "我的待办")).containsExactly(task("2.2", "street-chengguan").getId());
    assertThat(taskIds("sec-chengguan", "本单位待办")).hasSize(9);
    assertThat(taskIds("sup-orgdept", "全部逾期")).containsExactlyInAnyOrder(overdue.getId(), otherUnitOverdue.getId());
  }

  private Task task(String problemId, String unitId) {
    return engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(UnitRectificationProcess.businessKey(DemoRound.key(problemId), unitId)).singleResult();
  }

  private List<String> filterNames(String user) {
    JsonNode filters = http.withBasicAuth(user, "demo").getForObject("/engine-rest/filter?resourceType=Task", JsonNode.class);
    return StreamSupport.stream(filters.spliterator(), false).map(f -> f.get("name").asText()).toList();
  }

  private List<String> taskIds(String user, String filterName) {
    JsonNode filters = http.withBasicAuth(user, "demo").getForObject("/engine-rest/filter?resourceType=Task", JsonNode.class);
    String id = StreamSupport.stream(filters.spliterator(), false).filter(f -> f.get("name").asText().equals(filterName))
        .findFirst().orElseThrow().get("id").asText();
    Map<String, Object> body = new HashMap<>();
    JsonNode tasks = http.withBasicAuth(user, "demo").exchange("/engine-rest/filter/" + id + "/list?maxResults=100",
        HttpMethod.POST, new HttpEntity<>(body), JsonNode.class).getBody();
    return StreamSupport.stream(tasks.spliterator(), false).map(t -> t.get("id").asText()).toList();
  }
}
