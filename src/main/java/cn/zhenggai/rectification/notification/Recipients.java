package cn.zhenggai.rectification.notification;

import cn.zhenggai.rectification.casework.CaseRegister.DueTask;
import cn.zhenggai.rectification.vocabulary.Card;
import cn.zhenggai.rectification.vocabulary.DueNotice;
import cn.zhenggai.rectification.vocabulary.GroupType;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;

/**
 * Who is told about a task: its candidate groups' members and its assignee; for cards also the problem's supervisors,
 * for red cards the county leaders. One instance per sweep (or per new task) remembers the people, groups and digest
 * choices it has looked up, so a sweep over thousands of tasks asks the identity service once per group.
 */
final class Recipients {

  private final IdentityService identity;
  private final Map<String, List<User>> members = new HashMap<>();
  private final Map<String, Optional<User>> users = new HashMap<>();
  private final Map<String, Boolean> digest = new HashMap<>();
  private final Map<String, Optional<String>> mobiles = new HashMap<>();
  private final Map<String, ChannelChoice> choices = new HashMap<>();
  private final Map<String, String> groupNames = new HashMap<>();
  private List<String> leaders;

  Recipients(IdentityService identity) {
    this.identity = identity;
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

  /** Whether the person is a member of the group, as far as this sweep has looked its members up. */
  boolean isMember(String userId, String groupId) {
    return groupId != null && members.computeIfAbsent(groupId, id -> identity.createUserQuery().memberOfGroup(id).list())
        .stream().anyMatch(user -> user.getId().equals(userId));
  }

  /** The person's mobile number (user info {@link Notifications#MOBILE}), if they gave one. */
  Optional<String> mobile(String userId) {
    return mobiles.computeIfAbsent(userId, id -> Optional.ofNullable(identity.getUserInfo(id, Notifications.MOBILE))
        .filter(mobile -> !mobile.isBlank()));
  }

  /** How the person wants their own notices: email unless they chose otherwise. */
  ChannelChoice choice(String userId) {
    return choices.computeIfAbsent(userId, id -> ChannelChoice.of(identity.getUserInfo(id, Notifications.CHANNEL_PREFERENCE)));
  }

  /**
   * Whether the person takes the daily digest instead of single emails: chosen, and their channel is email (the digest
   * is an email; who chose SMS or only the robot gets none).
   */
  boolean wantsDigest(String userId) {
    return digest.computeIfAbsent(userId, id -> "true".equals(identity.getUserInfo(id, Notifications.DIGEST_PREFERENCE)))
        && choice(userId) == ChannelChoice.EMAIL;
  }

  /** Whether there is such a group (a robot's may have been misspelt in the configuration). */
  boolean groupExists(String groupId) {
    return identity.createGroupQuery().groupId(groupId).count() > 0;
  }

  /** A unit's Chinese name, or its id when the group has been removed since. */
  String unitName(String unitId) {
    return groupNames.computeIfAbsent(unitId, id -> {
      Group group = identity.createGroupQuery().groupId(id).singleResult();
      return group == null ? id : group.getName();
    });
  }

  private Collection<User> people(String assignee, Set<String> groups) {
    Map<String, User> people = new LinkedHashMap<>();
    if (assignee != null) {
      users.computeIfAbsent(assignee, id -> Optional.ofNullable(identity.createUserQuery().userId(id).singleResult()))
          .ifPresent(user -> people.put(user.getId(), user));
    }
    for (String group : groups) {
      members.computeIfAbsent(group, id -> identity.createUserQuery().memberOfGroup(id).list())
          .forEach(user -> people.putIfAbsent(user.getId(), user));
    }
    return people.values();
  }

  private List<String> leaders() {
    if (leaders == null) {
      leaders = identity.createGroupQuery().groupType(GroupType.LEADER.name()).list().stream().map(Group::getId).toList();
    }
    return leaders;
  }
}
