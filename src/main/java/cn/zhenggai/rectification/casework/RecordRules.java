package cn.zhenggai.rectification.casework;

import cn.zhenggai.rectification.vocabulary.EngineClock;
import cn.zhenggai.rectification.vocabulary.GroupType;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.RefusedAction;
import cn.zhenggai.rectification.vocabulary.RefusedInput;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.cfg.auth.AuthorizationCommandChecker;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTaskCommentCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.ResolveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.UpdateCommentCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.DelegationState;
import org.camunda.bpm.engine.task.IdentityLinkType;

/**
 * The engine's own permission checks, plus the rules that keep the case record trustworthy on every path into the
 * engine (REST, Tasklist, the Java API):
 * <ul>
 *   <li>a claimed task is completed, unclaimed or claimed again only by the person holding it, and a person claims
 *       only for themselves (supervisors hand tasks over through {@link TaskReassignment}, with a reason);
 *   <li>a completion takes only its form's fields ({@link SubmittedFields} compares before and after);
 *   <li>variables are never written on their own, only with a completion; a task is not ended by a BPMN error or
 *       escalation, nor delegated and resolved, and a comment on it is not changed or deleted (administrators
 *       excepted: repairs);
 *   <li>whoever may work a task sets its follow-up date; the problem's supervisors move the due date of its units'
 *       tasks (never clear it, never into the past, never on their own tasks); the other properties of a task
 *       (name, owner …) stay with administrators.
 * </ul>
 * Runs inside the engine's command, so nothing it refuses leaves a trace.
 */
class RecordRules extends AuthorizationCommandChecker {

  private static final Set<String> DATES = Set.of(TaskEntity.DUE_DATE, TaskEntity.FOLLOW_UP_DATE);

  static final String DIRECT_WRITE_REFUSED = "流程变量只能随任务办理一起提交，不能单独修改";
  static final String NOT_THIS_WAY = "本系统中待办只能办理完成，不能以此方式结束、委托或修改办理记录";

  private final SubmittedFields submitted;

  RecordRules(SubmittedFields submitted) {
    this.submitted = submitted;
  }

  @Override
  public void checkTaskWork(TaskEntity task) {
    super.checkTaskWork(task);
    Command<?> command = Context.getCommandInvocationContext().getCommand();
    boolean resolves = command instanceof ResolveTaskCmd
        || command instanceof SubmitTaskFormCmd && task.getDelegationState() == DelegationState.PENDING;
    if (resolves || command instanceof HandleTaskBpmnErrorCmd || command instanceof HandleTaskEscalationCmd
        || command instanceof UpdateCommentCmd || command instanceof DeleteTaskCommentCmd) {
      refuseUnlessAdministrator(NOT_THIS_WAY);
      return;
    }
    boolean completes = command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd;
    String user = person();
    if ((completes || command instanceof ClaimTaskCmd) && user != null && task.getAssignee() != null
        && !task.getAssignee().equals(user)) {
      throw new TaskAlreadyClaimedException(task.getId(), task.getAssignee());
    }
    if (completes) {
      submitted.remember(task);
    }
  }

  /**
   * An assignment listener: a person claims a task for themselves only. (Listeners run with the engine's permission
   * checks switched off, so the person is read from the authentication itself.)
   */
  void claimedForOneself(DelegateTask task) {
    Authentication authentication = Context.getCommandContext().getAuthentication();
    String user = authentication == null ? null : authentication.getUserId();
    if (Context.getCommandInvocationContext().getCommand() instanceof ClaimTaskCmd && user != null
        && task.getAssignee() != null && !task.getAssignee().equals(user) && !administrator()) {
      throw new RefusedAction("只能认领给自己；督办人员改派待办请用改派功能并写明理由");
    }
  }

  /** Saving a task (Tasklist's date fields) comes here; delegation and assignment keep Camunda's rule. */
  @Override
  public void checkTaskAssign(TaskEntity task) {
    Set<String> changed = task.getPropertyChanges().keySet();
    Command<?> command = Context.getCommandInvocationContext().getCommand();
    if (!(command instanceof SaveTaskCmd) || changed.isEmpty() || !DATES.containsAll(changed) || person() == null) {
      super.checkTaskAssign(task);
      return;
    }
    if (!changed.contains(TaskEntity.DUE_DATE)) {
      super.checkTaskWork(task); // a follow-up date: whoever may work the task
      return;
    }
    if (administrator()) {
      return;
    }
    Set<String> groups = groupsOfPerson();
    String supervisors = String.valueOf(task.getVariable(RectificationCaseProcess.SUPERVISOR_GROUPS));
    if (!isSupervisor(groups) || Arrays.stream(supervisors.split(",")).noneMatch(groups::contains)) {
      throw new RefusedAction("只有该问题的督办单位可以修改截止日期");
    }
    boolean ownTask = task.getIdentityLinks().stream()
        .anyMatch(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && groups.contains(link.getGroupId()));
    if (ownTask) {
      throw new RefusedAction("不能修改本组自己待办的截止日期");
    }
    if (task.getDueDate() == null) {
      throw new RefusedInput("截止日期不能清除，只能改为另一天");
    }
    if (!task.getDueDate().after(EngineClock.now())) {
      throw new RefusedInput("新的截止日期不能早于现在");
    }
  }

  @Override
  public void checkUpdateTaskVariable(TaskEntity task) {
    super.checkUpdateTaskVariable(task);
    refuseUnlessAdministrator(DIRECT_WRITE_REFUSED);
  }

  @Override
  public void checkUpdateProcessInstanceVariables(ExecutionEntity execution) {
    super.checkUpdateProcessInstanceVariables(execution);
    refuseUnlessAdministrator(DIRECT_WRITE_REFUSED);
  }

  /** People may not; the application itself (no user, or its own checks switched off) and administrators may. */
  private static void refuseUnlessAdministrator(String why) {
    if (person() != null && !administrator()) {
      throw new RefusedAction(why);
    }
  }

  /** The signed-in person on whose behalf the engine works; null when the application works on its own. */
  private static String person() {
    CommandContext context = Context.getCommandContext();
    Authentication authentication = context.getAuthentication();
    return authentication == null || !context.isAuthorizationCheckEnabled() ? null : authentication.getUserId();
  }

  private static boolean administrator() {
    CommandContext context = Context.getCommandContext();
    return context.getAuthorizationManager().isCamundaAdmin(context.getAuthentication());
  }

  private static Set<String> groupsOfPerson() {
    List<String> groups = Context.getCommandContext().getAuthentication().getGroupIds();
    return groups == null ? Set.of() : Set.copyOf(groups);
  }

  private static boolean isSupervisor(Set<String> groups) {
    return !groups.isEmpty() && Context.getCommandContext().getReadOnlyIdentityProvider().createGroupQuery()
        .groupIdIn(groups.toArray(String[]::new)).groupType(GroupType.SUPERVISOR.name()).count() > 0;
  }
}
