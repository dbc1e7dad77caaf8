package cn.zhenggai.rectification.casework;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Saves a task (a moved due date) as the person who moved it, as if done in Tasklist: the record's rules check that
 * they supervise the problem, and the unit's history names them (as the application, it would name the task's
 * assignee). The authentication in place before is put back.
 */
@Component
public class SaveAsPerson {

  private final IdentityService identity;
  private final TaskService tasks;

  SaveAsPerson(@Lazy IdentityService identity, @Lazy TaskService tasks) {
    this.identity = identity;
    this.tasks = tasks;
  }

  /** {@code userId} null: as the application itself. */
  public void save(String userId, Task task) {
    Authentication before = identity.getCurrentAuthentication();
    if (userId != null) {
      List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
      identity.setAuthentication(userId, groups);
    }
    try {
      tasks.saveTask(task);
    } finally {
      if (before == null) {
        identity.clearAuthentication();
      } else {
        identity.setAuthentication(before);
      }
    }
  }
}
