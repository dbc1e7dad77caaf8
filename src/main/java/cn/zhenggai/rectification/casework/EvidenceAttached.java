package cn.zhenggai.rectification.casework;

import cn.zhenggai.rectification.evidence.EvidenceFiles;
import cn.zhenggai.rectification.vocabulary.RefusedInput;
import cn.zhenggai.rectification.vocabulary.Stage;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * A completion report (and a plan, where {@code rectification.evidence.required.plan} says so) needs at least one
 * evidence file of its own stage on the unit's item, whichever way it is completed (Tasklist, REST, Java API).
 */
@Component
class EvidenceAttached {

  private final EvidenceFiles evidence;

  EvidenceAttached(EvidenceFiles evidence) {
    this.evidence = evidence;
  }

  /** On every task's completion, after {@link SubmittedFields#check}. */
  void check(DelegateTask task) {
    Stage stage = Stage.ofTask(task.getTaskDefinitionKey()).orElse(null);
    if (stage == null || !evidence.requiredAt(stage)
        || evidence.countOnItem(task.getExecution().getProcessBusinessKey(), stage) > 0) {
      return;
    }
    throw new RefusedInput(stage == Stage.RECTIFY
        ? "请先上传至少一份佐证材料（会议记录、照片、制度文件等），再提交完成情况"
        : "请先上传至少一份佐证材料，再提交整改方案");
  }
}
