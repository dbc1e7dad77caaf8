package cn.zhenggai.rectification.organization;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Service;

/** The Tasklist filters every user starts from; created once, by name. */
@Service
public class TasklistFilters {

  /** Columns shown in the task list so nine similar tasks can be told apart. */
  private static final List<Map<String, String>> COLUMNS =
      List.of(
          Map.of("name", "problemId", "label", "问题编号"),
          Map.of("name", "problemTitle", "label", "问题"),
          Map.of("name", "unitName", "label", "责任单位"));

  private final FilterService filters;
  private final TaskService tasks;

  TasklistFilters(FilterService filters, TaskService tasks) {
    this.filters = filters;
    this.tasks = tasks;
  }

  public void apply() {
    create(
        "本单位待办",
        "本单位（本人所在组）的全部待办，含已认领的任务，按截止日期排列",
        -10,
        tasks.createTaskQuery()
            .taskCandidateGroupInExpression("${currentUserGroups()}")
            .includeAssignedTasks()
            .orderByDueDate()
            .asc());
    create(
        "我的待办",
        "已由我认领的任务",
        -5,
        tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}").orderByDueDate().asc());
  }

  private void create(String name, String description, int priority, TaskQuery query) {
    if (filters.createFilterQuery().filterName(name).count() > 0) {
      return;
    }
    Filter filter = filters.newTaskFilter(name);
    filter.setQuery(query);
    filter.setProperties(
        Map.of("description", description, "priority", priority, "refresh", true, "variables", COLUMNS));
    filters.saveFilter(filter);
  }
}
