package cn.zhenggai.rectification.casework;

import static cn.zhenggai.rectification.vocabulary.RectificationCaseProcess.PROBLEM_ID;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.UNIT_ID;

import cn.zhenggai.rectification.organization.UnitDirectory;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.StageDeadlines;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * What the look-back (回头看) in {@code RectificationCase.bpmn} asks, as {@code ${lookBack.…}}, all from the case
 * register: which units are looked back at, what each did, which were reopened (复号) and by when they rectify again.
 */
@Component("lookBack")
public class LookBack {

  /** What the look-back form shows of the unit's work (read-only fields of {@code look-back.form}). */
  static final String LOOK_BACK_PLAN = "lookBackPlan";
  static final String LOOK_BACK_REPORT = "lookBackReport";

  private final CaseRegister register;
  private final CaseTimeline timeline;
  private final StageDeadlines deadlines;
  private final UnitDirectory units;

  LookBack(CaseRegister register, CaseTimeline timeline, StageDeadlines deadlines, UnitDirectory units) {
    this.register = register;
    this.timeline = timeline;
    this.deadlines = deadlines;
    this.units = units;
  }

  /** The accepted units not yet found consolidated: all of them the first time, the reopened ones after a reopening. */
  public List<String> units(DelegateExecution execution) {
    return register.unitsToLookBackAt(problemId(execution));
  }

  public boolean anyReopened(DelegateExecution execution) {
    return !reopenedUnits(execution).isEmpty();
  }

  /** The units reopened at this look-back, whose rectification has not started again yet. */
  public List<String> reopenedUnits(DelegateExecution execution) {
    return register.reopenedUnits(problemId(execution));
  }

  /**
   * Before each unit's look-back task is created: what its form shows (the unit, its plan, its last report, its
   * history) and its decision fields, all local to that unit's instance.
   */
  public void present(DelegateExecution execution) {
    execution.setVariableLocal(UnitRectificationProcess.UNIT_NAME, units.nameOf(unitId(execution)));
    execution.setVariableLocal(LOOK_BACK_PLAN, planOf(execution));
    execution.setVariableLocal(LOOK_BACK_REPORT, reportOf(execution));
    execution.setVariableLocal(UnitRectificationProcess.CASE_HISTORY, historyOf(execution));
    execution.setVariableLocal(RectificationCaseProcess.LOOK_BACK_CONFIRMED, null);
    execution.setVariableLocal(UnitRectificationProcess.REVIEW_COMMENT, null);
    execution.setVariableLocal(RectificationCaseProcess.REOPEN_DEADLINE, null);
  }

  /** The reopened unit's new deadline, by the end of that day. */
  public Date deadlineOf(DelegateExecution execution) {
    return deadlines.endOf(work(execution).deadline());
  }

  public String deadlineTextOf(DelegateExecution execution) {
    return work(execution).deadline().toString();
  }

  /** The unit's plan as it was approved: measures, the person responsible, the planned date. */
  String planOf(DelegateExecution execution) {
    CaseRegister.UnitWork work = work(execution);
    if (work.planMeasures() == null) {
      return "（无）";
    }
    return work.planMeasures() + "\n责任人：" + work.responsiblePerson() + "；计划完成日期：" + work.planTargetDate();
  }

  /** The unit's last completion report. */
  String reportOf(DelegateExecution execution) {
    String report = work(execution).report();
    return report == null ? "（无）" : report;
  }

  /** The unit's history (plans, reports, reviews, earlier look-backs), as every form of the unit shows it. */
  public String historyOf(DelegateExecution execution) {
    return timeline.history(problemId(execution), unitId(execution));
  }

  private CaseRegister.UnitWork work(DelegateExecution execution) {
    return register.work(problemId(execution), unitId(execution));
  }

  private static String problemId(DelegateExecution execution) {
    return (String) execution.getVariable(PROBLEM_ID);
  }

  private static String unitId(DelegateExecution execution) {
    return (String) execution.getVariable(UNIT_ID);
  }
}
