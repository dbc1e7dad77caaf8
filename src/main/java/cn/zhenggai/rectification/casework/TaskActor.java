package cn.zhenggai.rectification.casework;

import cn.zhenggai.rectification.organization.PeopleDirectory;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/** Who is completing a task: the logged-in user (Tasklist, REST) or else the task's assignee. */
@Component
class TaskActor {

  record Actor(String id, String name) {}

  private final IdentityService identity;
  private final PeopleDirectory people;

  TaskActor(IdentityService identity, PeopleDirectory people) {
    this.identity = identity;
    this.people = people;
  }

  Actor of(DelegateTask task) {
    var authentication = identity.getCurrentAuthentication();
    return named(authentication != null ? authentication.getUserId() : task.getAssignee());
  }

  Actor named(String id) {
    if (id == null) {
      return new Actor(null, "（未登录用户）");
    }
    return new Actor(id, people.nameOf(id));
  }
}
