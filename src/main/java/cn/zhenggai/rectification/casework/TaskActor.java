package cn.zhenggai.rectification.casework;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/** Who is completing a task: the logged-in user (Tasklist, REST) or else the task's assignee. */
@Component
class TaskActor {

  record Actor(String id, String name) {}

  private final IdentityService identity;

  TaskActor(IdentityService identity) {
    this.identity = identity;
  }

  Actor of(DelegateTask task) {
    var authentication = identity.getCurrentAuthentication();
    return named(authentication != null ? authentication.getUserId() : task.getAssignee());
  }

  Actor named(String id) {
    if (id == null) {
      return new Actor(null, "（未登录用户）");
    }
    User user = identity.createUserQuery().userId(id).singleResult();
    if (user == null) {
      return new Actor(id, id);
    }
    String title = user.getLastName() == null || user.getLastName().isBlank() ? "" : "（" + user.getLastName() + "）";
    return new Actor(id, user.getFirstName() + title);
  }
}
