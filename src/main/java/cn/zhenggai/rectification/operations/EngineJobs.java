package cn.zhenggai.rectification.operations;

import java.util.Optional;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * The engine's jobs as an operator watches them, through Camunda's query API: due jobs waiting for a job executor
 * (retries left, due, not suspended; a job a dead node still holds counts until its lock expires), jobs with no retries
 * left (they will not run again until someone acts), and open incidents by their root cause: a failure in a unit's
 * process is one incident, although Camunda also records it in the problem's process that called it (Cockpit shows
 * both). Incidents are few, so listing them is cheap. Shared by the meters and the health check.
 */
@Component
class EngineJobs {

  record Counts(long due, long failed, long incidents) {}

  private final Recent<Counts> counts;

  EngineJobs(ManagementService management, RuntimeService runtime, OperationsProperties properties) {
    this.counts = new Recent<>("作业和事件数", () -> new Counts(
        management.createJobQuery().executable().active().count(),
        management.createJobQuery().noRetriesLeft().count(),
        runtime.createIncidentQuery().list().stream()
            .filter(incident -> incident.getId().equals(incident.getRootCauseIncidentId())).count()),
        properties.figuresMaxAge());
  }

  Optional<Counts> counts() {
    return counts.get();
  }
}
