package cn.zhenggai.rectification.casework;

import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.PLAN_APPROVED;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.RECTIFICATION_ACCEPTED;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.REVIEW_COMMENT;

import cn.zhenggai.rectification.casework.CaseTimeline.Kind;
import cn.zhenggai.rectification.vocabulary.RefusedInput;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * A supervisor decides on a plan or a completion report ({@code ${reviewDecision}} on complete): the decision must
 * be a Boolean, a return must give its reason, and both go into the case's timeline.
 */
@Component("reviewDecision")
class ReviewDecision implements TaskListener {

  private final CaseTimeline timeline;
  private final CaseRegister register;

  ReviewDecision(CaseTimeline timeline, CaseRegister register) {
    this.timeline = timeline;
    this.register = register;
  }

  @Override
  public void notify(DelegateTask task) {
    boolean planReview = UnitRectificationProcess.TASK_REVIEW_PLAN.equals(task.getTaskDefinitionKey());
    boolean passed = planReview
        ? TaskInput.requiredDecision(task, PLAN_APPROVED, "方案审核结论")
        : TaskInput.requiredDecision(task, RECTIFICATION_ACCEPTED, "验收结论");
    String comment = TaskInput.optionalText(task, REVIEW_COMMENT, "退回理由", TaskInput.COMMENT);
    if (!passed && comment == null) {
      throw new RefusedInput("退回时请填写“退回理由”（" + REVIEW_COMMENT + "）");
    }
    Kind kind = planReview
        ? (passed ? Kind.PLAN_APPROVED : Kind.PLAN_RETURNED)
        : (passed ? Kind.RECTIFICATION_ACCEPTED : Kind.RECTIFICATION_RETURNED);
    timeline.record(task, kind, comment == null ? null : (passed ? "审核意见：" : "退回理由：") + comment);
    if (passed) {
      task.removeVariable(REVIEW_COMMENT);
      if (planReview) {
        register.planApproved(task);
      }
    } else {
      register.returned(task, planReview);
    }
  }
}
