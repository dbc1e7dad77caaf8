package cn.zhenggai.rectification.casework;

import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.EVIDENCE_DESCRIPTION;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.PLAN_MEASURES;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.PLAN_NOTES;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.PLAN_RESPONSIBLE_PERSON;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.PLAN_TARGET_DATE;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.RECTIFICATION_DONE;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.RECTIFICATION_RESULTS;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.REVIEW_COMMENT;

import cn.zhenggai.rectification.casework.CaseTimeline.Kind;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.StageDeadlines;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.time.LocalDate;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * A unit submits its plan or its completion report ({@code ${submissionRecord}} on complete): checks the fields,
 * keeps the submission in the case's timeline and the ledger, and clears the reason of the last return, which it
 * answered.
 */
@Component("submissionRecord")
class SubmissionRecord implements TaskListener {

  private final CaseTimeline timeline;
  private final CaseRegister register;
  private final StageDeadlines deadlines;

  SubmissionRecord(CaseTimeline timeline, CaseRegister register, StageDeadlines deadlines) {
    this.timeline = timeline;
    this.register = register;
    this.deadlines = deadlines;
  }

  @Override
  public void notify(DelegateTask task) {
    if (UnitRectificationProcess.TASK_DRAFT_PLAN.equals(task.getTaskDefinitionKey())) {
      timeline.record(task, Kind.PLAN_SUBMITTED, plan(task));
    } else {
      String report = report(task);
      timeline.record(task, Kind.REPORT_SUBMITTED, report);
      register.reportSubmitted(task, report);
    }
    task.removeVariable(REVIEW_COMMENT);
  }

  private String plan(DelegateTask task) {
    String measures = TaskInput.requiredText(task, PLAN_MEASURES, "整改措施", TaskInput.LONG_TEXT);
    String person = TaskInput.requiredText(task, PLAN_RESPONSIBLE_PERSON, "责任人", TaskInput.SHORT_TEXT);
    LocalDate deadline = deadlines.dayOf((Date) task.getVariable(RectificationCaseProcess.RECTIFICATION_DEADLINE));
    LocalDate target = TaskInput.requiredDate(task, PLAN_TARGET_DATE, "计划完成日期", deadlines.today(), deadline);
    String notes = TaskInput.optionalText(task, PLAN_NOTES, "其他说明", TaskInput.LONG_TEXT);
    register.planSubmitted(task, measures, person, target);
    return "整改措施：" + measures + "\n责任人：" + person + "；计划完成日期：" + target
        + (notes == null ? "" : "\n其他说明：" + notes);
  }

  private static String report(DelegateTask task) {
    return "整改完成情况：" + TaskInput.requiredText(task, RECTIFICATION_DONE, "整改完成情况", TaskInput.LONG_TEXT)
        + "\n整改成效：" + TaskInput.requiredText(task, RECTIFICATION_RESULTS, "整改成效", TaskInput.LONG_TEXT)
        + "\n佐证材料：" + TaskInput.requiredText(task, EVIDENCE_DESCRIPTION, "佐证材料说明", TaskInput.LONG_TEXT);
  }
}
