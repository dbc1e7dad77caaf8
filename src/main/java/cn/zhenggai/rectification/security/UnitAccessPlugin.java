package cn.zhenggai.rectification.security;

import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * When a unit's rectification process starts, its unit may read that process instance (and its history). Granted
 * by the engine itself, whoever started it, so it is kept out of the user's own permissions.
 */
@Component
class UnitAccessPlugin extends AbstractProcessEnginePlugin {

  private final AccessGrants grants;

  UnitAccessPlugin(@Lazy AccessGrants grants) {
    this.grants = grants;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseProcess(Element processElement, ProcessDefinitionEntity process) {
        if (UnitRectificationProcess.KEY.equals(process.getKey())) {
          process.addListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) execution -> {
            String unitId = (String) execution.getVariable(UnitRectificationProcess.UNIT_ID);
            Context.getCommandContext().runWithoutAuthorization(() -> {
              grants.unitInstance(unitId, execution.getProcessInstanceId());
              return null;
            });
          });
        }
      }
    });
  }
}
