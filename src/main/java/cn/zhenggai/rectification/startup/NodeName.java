package cn.zhenggai.rectification.startup;

import java.lang.management.ManagementFactory;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Names this node in the shared database: the jobs it has locked carry its name (Cockpit shows it as the lock
 * owner), so an operator of several nodes sees which one holds a job. {@code rectification.node-name}, by default the
 * host name and process id.
 */
@Component
class NodeName extends AbstractProcessEnginePlugin {

  private final String name;

  NodeName(@Value("${rectification.node-name:}") String name) {
    this.name = name.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : name;
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    configuration.getJobExecutor().setLockOwner(name);
  }
}
