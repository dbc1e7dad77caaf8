package cn.zhenggai.rectification.organization;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The Tasklist filters, in Chinese, created at start-up and brought up to date by name on every start (a changed
 * reminder period changes 即将到期). 全部逾期 is for the supervisors; who may see which filter is granted by
 * the access grants.
 */
@Service
public class TasklistFilters {

  public static final String MINE = "我的待办";
  public static final String UNIT = "本单位待办";
  public static final String DUE_SOON = "即将到期";
  public static final String OVERDUE = "已逾期";
  public static final String ALL_OVERDUE = "全部逾期";

  /** Filters everyone sees; supervisors also see {@link #ALL_OVERDUE}. */
  public static final List<String> FOR_EVERYONE = List.of(MINE, UNIT, DUE_SOON, OVERDUE);

  /**
   * Columns shown in the task list so nine similar tasks can be told apart; the round's name tells the rounds apart, and
   * Tasklist's search on the process variable roundName narrows the list to one round.
   */
  private static final List<Map<String, String>> COLUMNS =
      List.of(
          Map.of("name", "problemId", "label", "问题编号"),
          Map.of("name", "problemTitle", "label", "问题"),
          Map.of("name", "unitName", "label", "责任单位"),
          Map.of("name", "roundName", "label", "整改批次"));

  private final FilterService filters;
  private final TaskService tasks;
  private final Duration beforeDue;

  TasklistFilters(FilterService filters, TaskService tasks,
      @Value("${rectification.reminders.before-due}") Duration beforeDue) {
    this.filters = filters;
    this.tasks = tasks;
    this.beforeDue = beforeDue;
  }

  /** Creates or updates the filters; returns their ids by name. */
  public Map<String, String> apply() {
    Map<String, String> ids = new LinkedHashMap<>();
    ids.put(UNIT, save(UNIT, "本单位（本人所在组）的全部待办，含已认领的", -10, ofMyGroups()));
    ids.put(MINE, save(MINE, "已由我认领的任务", -5,
        tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}")));
    ids.put(DUE_SOON, save(DUE_SOON, "本单位 " + beforeDue + " 内到期、尚未逾期的待办", 0, ofMyGroups()
        .dueAfterExpression("${now()}")
        .dueBeforeExpression("${dateTime().plusSeconds(" + beforeDue.toSeconds() + ")}")));
    ids.put(OVERDUE, save(OVERDUE, "本单位已逾期的待办，含已认领的", 5, ofMyGroups().dueBeforeExpression("${now()}")));
    ids.put(ALL_OVERDUE, save(ALL_OVERDUE, "所有单位已逾期的待办（督办用）", 10,
        tasks.createTaskQuery().dueBeforeExpression("${now()}")));
    return ids;
  }

  private TaskQuery ofMyGroups() {
    return tasks.createTaskQuery()
        .taskCandidateGroupInExpression("${currentUserGroups()}")
        .includeAssignedTasks();
  }

  private String save(String name, String description, int priority, TaskQuery query) {
    Filter filter = filters.createFilterQuery().filterName(name).singleResult();
    if (filter == null) {
      filter = filters.newTaskFilter(name);
    }
    filter.setQuery(query);
    filter.setProperties(
        Map.of("description", description, "priority", priority, "refresh", true, "variables", COLUMNS));
    return filters.saveFilter(filter).getId();
  }
}
