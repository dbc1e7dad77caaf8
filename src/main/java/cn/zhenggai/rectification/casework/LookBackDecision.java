package cn.zhenggai.rectification.casework;

import static cn.zhenggai.rectification.vocabulary.RectificationCaseProcess.LOOK_BACK_CONFIRMED;
import static cn.zhenggai.rectification.vocabulary.RectificationCaseProcess.PROBLEM_ID;
import static cn.zhenggai.rectification.vocabulary.RectificationCaseProcess.REOPEN_DEADLINE;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.REVIEW_COMMENT;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.UNIT_ID;

import cn.zhenggai.rectification.casework.CaseTimeline.Kind;
import cn.zhenggai.rectification.vocabulary.StageDeadlines;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * A supervisor's look-back at one unit ({@code ${lookBackDecision}} on completing 回头看): 整改成果巩固, or reopened
 * (复号) with a reason and a new deadline from today on. A refusal names the field and rolls the completion back, so
 * nothing is recorded; a decision goes into the register and the case's timeline.
 */
@Component("lookBackDecision")
class LookBackDecision implements TaskListener {

  private final CaseRegister register;
  private final CaseTimeline timeline;
  private final StageDeadlines deadlines;

  LookBackDecision(CaseRegister register, CaseTimeline timeline, StageDeadlines deadlines) {
    this.register = register;
    this.timeline = timeline;
    this.deadlines = deadlines;
  }

  @Override
  public void notify(DelegateTask task) {
    boolean consolidated = TaskInput.requiredDecision(task, LOOK_BACK_CONFIRMED, "整改成果巩固");
    String problemId = (String) task.getVariable(PROBLEM_ID);
    String unitId = (String) task.getVariable(UNIT_ID);
    if (consolidated) {
      String comment = TaskInput.optionalText(task, REVIEW_COMMENT, "回头看意见", TaskInput.COMMENT);
      register.lookedBack(problemId, unitId, null);
      timeline.record(task, Kind.LOOK_BACK_CONFIRMED, comment == null ? null : "回头看意见：" + comment);
      return;
    }
    String reason = TaskInput.requiredText(task, REVIEW_COMMENT, "复号理由", TaskInput.COMMENT);
    LocalDate deadline = TaskInput.requiredDate(task, REOPEN_DEADLINE, "新的整改时限", deadlines.today(), LocalDate.MAX);
    register.lookedBack(problemId, unitId, deadline);
    timeline.record(task, Kind.UNIT_REOPENED, "复号理由：" + reason + "\n新的整改时限：" + deadline);
  }
}
