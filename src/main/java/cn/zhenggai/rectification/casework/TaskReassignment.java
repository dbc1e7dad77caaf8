package cn.zhenggai.rectification.casework;

import cn.zhenggai.rectification.casework.CaseTimeline.Kind;
import cn.zhenggai.rectification.vocabulary.GroupType;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A supervisor hands one of their group's tasks to another member of the task's groups (someone is away, or has
 * claimed it and cannot finish), with a reason kept in the case's timeline. Candidates themselves may only claim and complete.
 */
@RestController
class TaskReassignment {

  record Request(String userId, String reason) {}

  private final TaskService tasks;
  private final RuntimeService runtime;
  private final IdentityService identity;
  private final CaseTimeline timeline;
  private final TaskActor actors;

  TaskReassignment(TaskService tasks, RuntimeService runtime, IdentityService identity, CaseTimeline timeline, TaskActor actors) {
    this.tasks = tasks;
    this.runtime = runtime;
    this.identity = identity;
    this.timeline = timeline;
    this.actors = actors;
  }

  @PostMapping("/api/tasks/{taskId}/assignee")
  @Transactional
  Map<String, String> reassign(@PathVariable String taskId, @RequestBody Request request, Authentication user) {
    if (user.getAuthorities().stream().noneMatch(a -> a.getAuthority().equals(GroupType.SUPERVISOR.authority()))) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "只有督办单位可以改派本组的待办");
    }
    if (request == null || request.userId() == null || request.userId().isBlank()) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "请给出 userId：改派给谁");
    }
    if (request.reason() == null || !TaskInput.visible(request.reason()) || request.reason().length() > TaskInput.COMMENT) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "请填写改派理由（reason，不超过 " + TaskInput.COMMENT + " 个字）");
    }
    Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
    if (task == null) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "没有编号为 " + taskId + " 的待办");
    }
    Set<String> ownGroups = groupsOf(user.getName());
    Set<String> taskGroups = tasks.getIdentityLinksForTask(taskId).stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
        .map(IdentityLink::getGroupId)
        .collect(Collectors.toSet());
    if (taskGroups.stream().noneMatch(ownGroups::contains)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "本组没有编号为 " + taskId + " 的待办");
    }
    Set<String> colleagueGroups = groupsOf(request.userId());
    colleagueGroups.retainAll(taskGroups);
    if (colleagueGroups.isEmpty()) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, request.userId() + " 不是这项待办所属组的成员，不能改派给他");
    }
    String before = task.getAssignee();
    tasks.setAssignee(taskId, request.userId());
    String problemId = (String) runtime.getVariable(task.getExecutionId(), RectificationCaseProcess.PROBLEM_ID);
    String unitId = (String) runtime.getVariable(task.getExecutionId(), UnitRectificationProcess.UNIT_ID);
    timeline.record(problemId, unitId, Kind.TASK_REASSIGNED, actors.named(user.getName()),
        task.getName() + "：" + (before == null ? "未认领" : actors.named(before).name()) + " → "
            + actors.named(request.userId()).name() + "；理由：" + request.reason().strip());
    return Map.of("taskId", taskId, "assignee", request.userId());
  }

  private Set<String> groupsOf(String userId) {
    return identity.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId)
        .collect(Collectors.toCollection(HashSet::new));
  }
}
