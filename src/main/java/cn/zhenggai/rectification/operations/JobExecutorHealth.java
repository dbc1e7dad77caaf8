package cn.zhenggai.rectification.operations;

import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code jobExecutor} (in place of Camunda's own, which has no job counts): whether this node's job
 * executor runs (reminders, cards and asynchronous continuations depend on it; DOWN if it does not), under which lock
 * owner, and the due jobs waiting, the jobs with no retries left and the open incidents of the whole cluster. The
 * counts are information and never change the status. The only use of Camunda's internal job executor class, for the
 * one thing the public API does not tell: whether it runs.
 */
@Component("jobExecutorHealthIndicator")
class JobExecutorHealth implements HealthIndicator {

  private final ObjectProvider<JobExecutor> jobExecutor;
  private final EngineJobs jobs;

  JobExecutorHealth(ObjectProvider<JobExecutor> jobExecutor, EngineJobs jobs) {
    this.jobExecutor = jobExecutor;
    this.jobs = jobs;
  }

  @Override
  public Health health() {
    JobExecutor executor = jobExecutor.getIfAvailable();
    boolean running = executor != null && executor.isActive();
    Health.Builder health = running ? Health.up() : Health.down()
        .withDetail("message", "作业执行器没有运行：催办、黄牌红牌和异步继续都不会执行");
    health.withDetail("running", running);
    if (executor != null && executor.getLockOwner() != null) {
      health.withDetail("lockOwner", executor.getLockOwner());
    }
    jobs.counts().ifPresentOrElse(
        counts -> health.withDetail("dueJobs", counts.due())
            .withDetail("failedJobs", counts.failed())
            .withDetail("incidents", counts.incidents()),
        () -> health.withDetail("jobs", "作业数暂时读不到（数据库无法连接）"));
    return health.build();
  }
}
