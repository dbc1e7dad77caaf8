package cn.zhenggai.rectification.casework;

import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;

/**
 * Moves running cases to the latest version of their diagram (Camunda's instance migration, activities mapped by their
 * ids), so that a change to a diagram reaches the cases already open: with issue 16 the per-task reminder timers of
 * the older versions go away with it.
 */
@Service
public class ProcessVersions {

  /** The running cases of an older version of a diagram, and the latest version they go to. */
  public record Upgrade(String name, ProcessDefinition from, ProcessDefinition to, List<String> instanceIds) {}

  private static final List<String> CASES = List.of(RectificationCaseProcess.KEY, UnitRectificationProcess.KEY);

  private final RepositoryService repository;
  private final RuntimeService runtime;

  ProcessVersions(RepositoryService repository, RuntimeService runtime) {
    this.repository = repository;
    this.runtime = runtime;
  }

  /** Every older version of the case diagrams that still has running cases. */
  public List<Upgrade> pending() {
    List<Upgrade> pending = new ArrayList<>();
    for (String key : CASES) {
      ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
          .singleResult();
      if (latest == null) {
        continue;
      }
      for (ProcessDefinition older : repository.createProcessDefinitionQuery().processDefinitionKey(key).list()) {
        if (older.getVersion() < latest.getVersion()) {
          List<String> ids = runtime.createProcessInstanceQuery().processDefinitionId(older.getId()).list()
              .stream().map(ProcessInstance::getId).toList();
          if (!ids.isEmpty()) {
            pending.add(new Upgrade(latest.getName(), older, latest, ids));
          }
        }
      }
    }
    return pending;
  }

  /**
   * Migrates those of these cases that still run on the older version (another node may have moved them meanwhile);
   * returns how many. Throws when the engine refuses one of them, and then moves none.
   */
  public int migrate(Upgrade upgrade, List<String> instanceIds) {
    List<String> still = runtime.createProcessInstanceQuery().processDefinitionId(upgrade.from().getId())
        .processInstanceIds(new HashSet<>(instanceIds)).list().stream().map(ProcessInstance::getId).toList();
    if (still.isEmpty()) {
      return 0;
    }
    runtime.newMigration(runtime.createMigrationPlan(upgrade.from().getId(), upgrade.to().getId())
            .mapEqualActivities().build())
        .processInstanceIds(still)
        .skipCustomListeners()
        .execute();
    return still.size();
  }
}
