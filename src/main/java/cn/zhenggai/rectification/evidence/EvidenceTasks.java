package cn.zhenggai.rectification.evidence;

import cn.zhenggai.rectification.security.Viewer;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.RefusedAction;
import cn.zhenggai.rectification.vocabulary.RefusedAtThisStage;
import cn.zhenggai.rectification.vocabulary.Stage;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * The tasks evidence is attached to, read from the engine (without the engine's own authorization checks: the rules
 * here decide): who may see a task's files, and who may add to them or remove them.
 */
@Component
class EvidenceTasks {

  static final String NO_SUCH_TASK = "找不到该任务（或无权查看）";

  private final TaskService tasks;
  private final RuntimeService runtime;
  private final HistoryService history;
  private final RepositoryService repository;

  EvidenceTasks(TaskService tasks, RuntimeService runtime, HistoryService history, RepositoryService repository) {
    this.tasks = tasks;
    this.runtime = runtime;
    this.history = history;
    this.repository = repository;
  }

  /** The open task of a case, if this person sees it (a unit its own items, supervisors and leaders all). */
  Optional<TaskAtHand> seen(String taskId, Viewer viewer) {
    return open(taskId).filter(task -> task.item() == null ? viewer.readsEverything() : viewer.sees(task.item().unitId()));
  }

  /**
   * The task, if this person may add files to it now: one of the task's candidates, the task not claimed by someone
   * else, at a stage that takes files. Refused otherwise: 404 unknown, 409 completed or not now, 403 not theirs.
   */
  TaskAtHand forUpload(String taskId, Viewer viewer) {
    TaskAtHand task = open(taskId).orElseThrow(() -> completedAndSeen(taskId, viewer)
        ? new RefusedAtThisStage("该任务已办理完成，不能再上传佐证材料")
        : new ResponseStatusException(HttpStatus.NOT_FOUND, NO_SUCH_TASK));
    if (!candidate(taskId, viewer.userId())) {
      throw new RefusedAction("这项任务不由您所在的单位办理，不能为它上传佐证材料");
    }
    if (!task.takesFiles()) {
      throw new RefusedAtThisStage("只有“制定整改方案”和“落实整改并报送完成情况”两步可以上传佐证材料");
    }
    if (task.assignee() != null && !task.assignee().equals(viewer.userId())) {
      throw new RefusedAtThisStage("该任务已由 " + task.assignee() + " 认领，只有认领人可以上传佐证材料");
    }
    return task;
  }

  /** Whether this person may add files to the task now ({@link #forUpload} would let them). */
  boolean mayUpload(TaskAtHand task, Viewer viewer) {
    return task.takesFiles() && (task.assignee() == null || task.assignee().equals(viewer.userId()))
        && candidate(task.taskId(), viewer.userId());
  }

  /** Whether the task is still open and this person may complete it: then they may remove the files it came with. */
  boolean mayRemoveFilesOf(String taskId, Viewer viewer) {
    return open(taskId).filter(task -> mayUpload(task, viewer)).isPresent();
  }

  boolean isOpen(String taskId) {
    return tasks.createTaskQuery().taskId(taskId).count() > 0;
  }

  /** Whether the case (or, for a unit, its own share of it) is known to the engine, running or finished. */
  boolean caseSeen(String caseKey, Viewer viewer) {
    if (viewer.readsEverything()) {
      return history.createHistoricProcessInstanceQuery().processDefinitionKey(RectificationCaseProcess.KEY)
          .processInstanceBusinessKey(caseKey).count() > 0;
    }
    return viewer.units().stream().anyMatch(unit -> history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(UnitRectificationProcess.KEY)
        .processInstanceBusinessKey(UnitRectificationProcess.businessKey(caseKey, unit)).count() > 0);
  }

  private Optional<TaskAtHand> open(String taskId) {
    Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
    if (task == null || task.getProcessInstanceId() == null) {
      return Optional.empty();
    }
    ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
        .singleResult();
    Optional<Stage> stage = Stage.ofTask(task.getTaskDefinitionKey());
    if (instance == null || instance.getBusinessKey() == null || stage.isEmpty()) {
      return Optional.empty();
    }
    String processKey = repository.getProcessDefinition(task.getProcessDefinitionId()).getKey();
    return switch (processKey) {
      case UnitRectificationProcess.KEY -> {
        EvidenceItem item = EvidenceItem.of(instance.getBusinessKey());
        yield Optional.of(new TaskAtHand(taskId, item.caseKey(), item, stage.get(), task.getAssignee()));
      }
      case RectificationCaseProcess.KEY ->
          Optional.of(new TaskAtHand(taskId, instance.getBusinessKey(), null, stage.get(), task.getAssignee()));
      default -> Optional.empty();
    };
  }

  private boolean candidate(String taskId, String userId) {
    return tasks.createTaskQuery().taskId(taskId).taskCandidateUser(userId).includeAssignedTasks().count() > 0;
  }

  /** A task that was completed (or ended with its case), of a unit item this person sees. */
  private boolean completedAndSeen(String taskId, Viewer viewer) {
    HistoricTaskInstance task = history.createHistoricTaskInstanceQuery().taskId(taskId).finished().singleResult();
    if (task == null || task.getProcessInstanceId() == null) {
      return false;
    }
    HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
        .processInstanceId(task.getProcessInstanceId()).singleResult();
    if (instance == null || instance.getBusinessKey() == null) {
      return false;
    }
    return UnitRectificationProcess.KEY.equals(instance.getProcessDefinitionKey())
        ? viewer.sees(EvidenceItem.of(instance.getBusinessKey()).unitId())
        : viewer.readsEverything();
  }
}
