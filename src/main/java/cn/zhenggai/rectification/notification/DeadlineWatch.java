package cn.zhenggai.rectification.notification;

import cn.zhenggai.rectification.casework.CaseRegister;
import cn.zhenggai.rectification.vocabulary.Card;
import cn.zhenggai.rectification.vocabulary.EngineClock;
import cn.zhenggai.rectification.vocabulary.GroupType;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import java.util.Arrays;
import java.util.Collection;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

/**
 * A task's deadline has come near or passed, or a unit has a new task ({@code ${deadlineWatch.notice(task, kind)}}
 * in the BPMN): who is told, and the card on the register. The emails themselves go out later, outside the task's
 * transaction ({@link MailDelivery}).
 */
@Component("deadlineWatch")
public class DeadlineWatch {

  /** A due date moved by less than this is the same moment (moves are by days, in demos by seconds). */
  static final Duration SAME_MOMENT = Duration.ofSeconds(1);

  private final IdentityService identity;
  private final Notifications notifications;
  private final CaseRegister register;
  private final Reminders reminders;

  DeadlineWatch(IdentityService identity, Notifications notifications, CaseRegister register, Reminders reminders) {
    this.identity = identity;
    this.notifications = notifications;
    this.register = register;
    this.reminders = reminders;
  }

  public void notice(DelegateTask task, String kindName) {
    NoticeKind kind = NoticeKind.valueOf(kindName);
    Date now = EngineClock.now();
    boolean overdue = task.getDueDate() != null && !now.before(task.getDueDate());
    if ((kind == NoticeKind.BEFORE_DUE || kind == NoticeKind.DUE_DAY) && overdue) {
      return; // created already late: the cards say it
    }
    // a supervisor may have moved the due date since the timer was set: a card only for what is late by the task's
    // current due date. The timer's date and the due date are worked out one after the other when the task starts, so
    // they may lie milliseconds apart and a timer may fire just before the due instant: that is not a moved date.
    Date cardTime = new Date(now.getTime() + SAME_MOMENT.toMillis());
    if (kind == NoticeKind.YELLOW_CARD && (task.getDueDate() == null || cardTime.before(task.getDueDate()))
        || kind == NoticeKind.RED_CARD && (task.getDueDate() == null || cardTime.before(reminders.redCard(task.getDueDate())))) {
      return;
    }
    if (kind.isCard()) {
      register.markCard(task, kind == NoticeKind.YELLOW_CARD ? Card.YELLOW : Card.RED);
    }
    notifications.record(kind, task, recipients(task, kind), now);
  }

  /** The task's candidates (or its assignee); for cards also the supervisors; for red cards the county leaders. */
  private Collection<User> recipients(DelegateTask task, NoticeKind kind) {
    Set<String> groups = new LinkedHashSet<>();
    for (IdentityLink link : task.getCandidates()) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
        groups.add(link.getGroupId());
      }
    }
    if (kind.isCard()) {
      Object supervisors = task.getVariable(RectificationCaseProcess.SUPERVISOR_GROUPS);
      if (supervisors instanceof String ids) {
        groups.addAll(Arrays.asList(ids.split(",")));
      }
    }
    if (kind == NoticeKind.RED_CARD) {
      identity.createGroupQuery().groupType(GroupType.LEADER.name()).list().stream().map(Group::getId).forEach(groups::add);
    }
    Map<String, User> users = new LinkedHashMap<>();
    if (task.getAssignee() != null) {
      User assignee = identity.createUserQuery().userId(task.getAssignee()).singleResult();
      if (assignee != null) {
        users.put(assignee.getId(), assignee);
      }
    }
    for (String group : groups) {
      identity.createUserQuery().memberOfGroup(group).list().forEach(user -> users.putIfAbsent(user.getId(), user));
    }
    return users.values();
  }
}
