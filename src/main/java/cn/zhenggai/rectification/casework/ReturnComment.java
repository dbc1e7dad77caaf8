package cn.zhenggai.rectification.casework;

import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.PLAN_APPROVED;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.RECTIFICATION_ACCEPTED;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.REVIEW_COMMENT;

import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * A plan or report sent back comes to the unit as a new task; the reason goes onto that task as a comment, by the
 * supervisor who wrote it, so Tasklist's 办理历史 tab of the task shows why it is back (the form shows it too).
 */
@Component
class ReturnComment {

  private final TaskService tasks;

  ReturnComment(@Lazy TaskService tasks) {
    this.tasks = tasks;
  }

  void onCreate(DelegateTask task) {
    boolean sentBack = switch (task.getTaskDefinitionKey()) {
      case UnitRectificationProcess.TASK_DRAFT_PLAN -> Boolean.FALSE.equals(task.getVariable(PLAN_APPROVED));
      case UnitRectificationProcess.TASK_RECTIFY -> Boolean.FALSE.equals(task.getVariable(RECTIFICATION_ACCEPTED));
      default -> false;
    };
    if (sentBack && task.getVariable(REVIEW_COMMENT) instanceof String reason) {
      tasks.createComment(task.getId(), task.getProcessInstanceId(), "退回理由：" + reason);
    }
  }
}
