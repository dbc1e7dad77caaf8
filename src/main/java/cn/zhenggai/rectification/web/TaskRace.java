package cn.zhenggai.rectification.web;

import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * Two clerks of one office acting on the same task at the same moment: the later one's claim or completion can fail
 * halfway and name the wrong cause (a permission already taken away with the task, form values dropped with its
 * execution, an error inside the engine). If the task acted on has been completed by the time we answer, that is the
 * cause, and the answer says so: 409, someone else has just done it. Nothing was written by the failed request.
 */
final class TaskRace {

  static final String DONE_BY_SOMEONE_ELSE = "该任务刚被其他人办理完成，请刷新后查看";

  private static final Pattern TASK_ACTION =
      Pattern.compile("(?:^|/)task/([^/]+)/(claim|unclaim|complete|submit-form|assignee|delegate|resolve|variables.*)$");

  private TaskRace() {}

  static Response reconsider(Response answer, UriInfo request) {
    int status = answer.getStatus();
    if (status < 400 || status == Status.CONFLICT.getStatusCode() || status == Status.SERVICE_UNAVAILABLE.getStatusCode()
        || request == null) {
      return answer;
    }
    Matcher action = TASK_ACTION.matcher(request.getPath());
    if (!action.find() || !completedMeanwhile(action.group(1))) {
      return answer;
    }
    return RestErrors.body(Status.CONFLICT, "TaskAlreadyCompleted", DONE_BY_SOMEONE_ELSE);
  }

  /** Gone from the running tasks and found in the history: completed (read without the caller's permissions). */
  private static boolean completedMeanwhile(String taskId) {
    ProcessEngine engine = ProcessEngines.getDefaultProcessEngine();
    if (engine == null) {
      return false;
    }
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(context -> context.getTaskManager().findTaskById(taskId) == null
            && context.getHistoricTaskInstanceManager().findHistoricTaskInstanceById(taskId) != null);
  }
}
