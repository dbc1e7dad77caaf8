package cn.zhenggai.rectification.notification;

import cn.zhenggai.rectification.casework.CaseRegister.DueTask;
import cn.zhenggai.rectification.organization.PeopleDirectory;
import cn.zhenggai.rectification.vocabulary.Card;
import cn.zhenggai.rectification.vocabulary.DueNotice;
import cn.zhenggai.rectification.vocabulary.GroupType;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;

/**
 * Who is told about a task: its candidate groups' members and its assignee; for cards also the problem's supervisors,
 * for red cards the county leaders. The people and groups come from the {@link PeopleDirectory}, which remembers them
 * across tasks and sweeps, so a sweep over thousands of tasks asks the identity service once per group; each person's
 * channel, digest and mobile are read afresh (people change them themselves, on any node).
 */
final class Recipients {

  private final PeopleDirectory directory;

  Recipients(PeopleDirectory directory) {
    this.directory = directory;
  }

  /** A new task: its candidates (or its assignee). */
  Collection<User> of(DelegateTask task) {
    Set<String> groups = new LinkedHashSet<>();
    for (IdentityLink link : task.getCandidates()) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
        groups.add(link.getGroupId());
      }
    }
    return people(task.getAssignee(), groups);
  }

  /** A task the sweep found: the candidates are the unit on the unit's own steps, else the supervisors (as in the BPMN). */
  Collection<User> of(DueTask task, DueNotice notice) {
    Set<String> groups = new LinkedHashSet<>();
    List<String> supervisors = task.supervisorGroups() == null ? List.of() : Arrays.asList(task.supervisorGroups().split(","));
    if (task.stage().byUnit() && task.unitId() != null) {
      groups.add(task.unitId());
    } else {
      groups.addAll(supervisors);
    }
    if (notice.card() != Card.NONE) {
      groups.addAll(supervisors);
    }
    if (notice == DueNotice.RED_CARD) {
      groups.addAll(leaders());
    }
    return people(task.assignee(), groups);
  }

  /** A unit's people (a decision on its request for more time), and the person holding its task. */
  Collection<User> ofUnit(String unitId, String assignee) {
    return people(assignee, Set.of(unitId));
  }

  /** Whether the person is a member of the group. */
  boolean isMember(String userId, String groupId) {
    return groupId != null && directory.members(groupId).stream().anyMatch(user -> user.getId().equals(userId));
  }

  /** The person's mobile number (user info {@link Notifications#MOBILE}), if they gave one. */
  Optional<String> mobile(String userId) {
    return directory.info(userId, Notifications.MOBILE).filter(mobile -> !mobile.isBlank());
  }

  /** How the person wants their own notices: email unless they chose otherwise. */
  ChannelChoice choice(String userId) {
    return ChannelChoice.of(directory.info(userId, Notifications.CHANNEL_PREFERENCE).orElse(null));
  }

  /**
   * Whether the person takes the daily digest instead of single emails: chosen, and their channel is email (the digest
   * is an email; who chose SMS or only the robot gets none).
   */
  boolean wantsDigest(String userId) {
    return directory.info(userId, Notifications.DIGEST_PREFERENCE).filter("true"::equals).isPresent()
        && choice(userId) == ChannelChoice.EMAIL;
  }

  /** Whether there is such a group (a robot's may have been misspelt in the configuration). */
  boolean groupExists(String groupId) {
    return directory.group(groupId).isPresent();
  }

  /** A unit's Chinese name, or its id when the group has been removed since. */
  String unitName(String unitId) {
    return directory.group(unitId).map(Group::getName).orElse(unitId);
  }

  private Collection<User> people(String assignee, Set<String> groups) {
    Map<String, User> people = new LinkedHashMap<>();
    if (assignee != null) {
      directory.user(assignee).ifPresent(user -> people.put(user.getId(), user));
    }
    for (String group : groups) {
      directory.members(group).forEach(user -> people.putIfAbsent(user.getId(), user));
    }
    return people.values();
  }

  private List<String> leaders() {
    return directory.groupsOf(GroupType.LEADER).stream().map(Group::getId).toList();
  }
}
