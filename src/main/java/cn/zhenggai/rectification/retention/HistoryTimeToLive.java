package cn.zhenggai.rectification.retention;

import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Gives the case diagrams' history the retention's days as its time to live, at start-up before the node is ready: the
 * diagrams say 3650 as written, every version deployed keeps the number set here. Camunda removes a case's history that
 * many days after its case process ended (removal time = end + time to live of the case, its units with it). Cases that
 * ended before a change keep the removal time they got then, so a changed retention also recalculates theirs, as a
 * Camunda batch.
 */
@Component
class HistoryTimeToLive implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(HistoryTimeToLive.class);

  private final RepositoryService repository;
  private final HistoryService history;
  private final RetentionProperties properties;

  HistoryTimeToLive(RepositoryService repository, HistoryService history, RetentionProperties properties) {
    this.repository = repository;
    this.history = history;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    int days = properties.period().days();
    for (ProcessDefinition definition : repository.createProcessDefinitionQuery()
        .processDefinitionKeyIn(RectificationCaseProcess.KEY, UnitRectificationProcess.KEY).list()) {
      if (Integer.valueOf(days).equals(definition.getHistoryTimeToLive())) {
        continue;
      }
      try {
        repository.updateProcessDefinitionHistoryTimeToLive(definition.getId(), days);
      } catch (OptimisticLockingException e) {
        LOG.info("流程定义 {} 版本 {} 的历史保存天数正由另一节点修改", definition.getKey(), definition.getVersion());
        continue;
      }
      LOG.info("流程定义 {} 版本 {} 的历史保存 {} 天（rectification.retention = {}）", definition.getKey(),
          definition.getVersion(), days, properties.retention());
      if (RectificationCaseProcess.KEY.equals(definition.getKey())) {
        recalculateEnded(definition);
      }
    }
  }

  /** The ended cases of this version get their history's removal time anew, units included. */
  private void recalculateEnded(ProcessDefinition definition) {
    HistoricProcessInstanceQuery ended =
        history.createHistoricProcessInstanceQuery().processDefinitionId(definition.getId()).finished();
    long count = ended.count();
    if (count > 0) {
      history.setRemovalTimeToHistoricProcessInstances().calculatedRemovalTime().byQuery(ended).hierarchical()
          .executeAsync();
      LOG.info("已结束的 {} 个案件（版本 {}）的历史删除时间按新的保存期限重算（Camunda 批处理）", count, definition.getVersion());
    }
  }
}
