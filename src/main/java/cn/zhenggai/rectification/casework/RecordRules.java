package cn.zhenggai.rectification.casework;

import cn.zhenggai.rectification.vocabulary.RefusedInput;
import cn.zhenggai.rectification.vocabulary.RefusedAction;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.impl.cfg.auth.AuthorizationCommandChecker;
import cn.zhenggai.rectification.vocabulary.GroupType;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
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
 *   <li>variables are never written on their own, only with a completion (administrators excepted: repairs);
 *   <li>whoever may work a task sets its follow-up date; supervisors also move its due date (never clear it); the
 *       other properties of a task (name, owner …) stay with administrators.
 * </ul>
 * Runs inside the engine's command, so nothing it refuses leaves a trace.
 */
class RecordRules extends AuthorizationCommandChecker {

  private static final Set<String> DATES = Set.of(TaskEntity.DUE_DATE, TaskEntity.FOLLOW_UP_DATE);

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

  /** Saving a task (Tasklist's date fields) comes here; so do claims and reassignments, which keep Camunda's rule. */
  @Override
  public void checkTaskAssign(TaskEntity task) {
    Set<String> changed = task.getPropertyChanges().keySet();
    Command<?> command = Context.getCommandInvocationContext().getCommand();
    if (!(command instanceof SaveTaskCmd) || changed.isEmpty() || !DATES.containsAll(changed) || currentUser() == null) {
      super.checkTaskAssign(task);
      return;
    }
    if (!changed.contains(TaskEntity.DUE_DATE)) {
      super.checkTaskWork(task); // a follow-up date: whoever may work the task
      return;
    }
    if (!isSupervisor()) {
      throw new RefusedAction("只有督办单位可以修改截止日期");
    }
    if (task.getDueDate() == null) {
      throw new RefusedInput("截止日期不能清除，只能改为另一天");
    }
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

  private static boolean isSupervisor() {
    CommandContext context = Context.getCommandContext();
    List<String> groups = context.getAuthentication().getGroupIds();
    return groups != null && !groups.isEmpty() && context.getReadOnlyIdentityProvider().createGroupQuery()
        .groupIdIn(groups.toArray(String[]::new)).groupType(GroupType.SUPERVISOR.name()).count() > 0;
  }

  private static String currentUser() {
    Authentication authentication = Context.getCommandContext().getAuthentication();
    return authentication == null ? null : authentication.getUserId();
  }
}
