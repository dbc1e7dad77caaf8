package cn.zhenggai.rectification.casework;

import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.impl.cfg.auth.AuthorizationCommandChecker;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * The engine's own permission checks, plus the rules that keep the case record trustworthy on every path into the
 * engine (REST, Tasklist, the Java API):
 * <ul>
 *   <li>a claimed task is completed by the person who claimed it, nobody else;
 *   <li>a completion takes only its form's fields ({@link SubmittedFields} compares before and after);
 *   <li>variables are never written on their own, only with a completion (administrators excepted: repairs).
 * </ul>
 * Runs inside the engine's command, so nothing it refuses leaves a trace.
 */
class RecordRules extends AuthorizationCommandChecker {

  static final String DIRECT_WRITE_REFUSED = "流程变量只能随任务办理一起提交，不能单独修改";

  private final SubmittedFields submitted;

  RecordRules(SubmittedFields submitted) {
    this.submitted = submitted;
  }

  @Override
  public void checkTaskWork(TaskEntity task) {
    super.checkTaskWork(task);
    if (!isCompletion()) {
      return;
    }
    String user = currentUser();
    if (user != null && task.getAssignee() != null && !task.getAssignee().equals(user)) {
      throw new TaskAlreadyClaimedException(task.getId(), task.getAssignee());
    }
    submitted.remember(task);
  }

  @Override
  public void checkUpdateTaskVariable(TaskEntity task) {
    super.checkUpdateTaskVariable(task);
    refuseDirectWrite();
  }

  @Override
  public void checkUpdateProcessInstanceVariables(ExecutionEntity execution) {
    super.checkUpdateProcessInstanceVariables(execution);
    refuseDirectWrite();
  }

  private static boolean isCompletion() {
    var invocation = Context.getCommandInvocationContext();
    Command<?> command = invocation == null ? null : invocation.getCommand();
    return command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd;
  }

  /** People write variables only by completing a task; the application itself writes them without a user. */
  private static void refuseDirectWrite() {
    CommandContext context = Context.getCommandContext();
    Authentication authentication = context.getAuthentication();
    if (authentication == null || !context.isAuthorizationCheckEnabled()
        || context.getAuthorizationManager().isCamundaAdmin(authentication)) {
      return;
    }
    throw new RefusedAction(DIRECT_WRITE_REFUSED);
  }

  private static String currentUser() {
    Authentication authentication = Context.getCommandContext().getAuthentication();
    return authentication == null ? null : authentication.getUserId();
  }
}
