package cn.zhenggai.rectification.extension;

import cn.zhenggai.rectification.vocabulary.Stage;
import java.time.LocalDate;
import java.util.Date;

/**
 * An open task of a unit's item, as a request for more time sees it.
 *
 * @param item the unit item's business key ({@code <case key>/<unit id>})
 * @param stage null for a step that is not the unit's own (审核整改方案, 审批延期申请 …)
 * @param step the step's name, as the diagram has it
 * @param deadline the item's current 整改时限 (a plan is never extended past it)
 */
record ExtensionTask(String taskId, String processInstanceId, String item, String problemId, String unitId,
    Stage stage, String step, Date due, LocalDate deadline) {

  /** 制定整改方案 and 落实整改 have deadlines of the unit's own; the other steps are the supervisors'. */
  boolean extendable() {
    return stage == Stage.DRAFT_PLAN || stage == Stage.RECTIFY;
  }
}
