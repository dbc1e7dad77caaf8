package cn.zhenggai.rectification.vocabulary;

/**
 * Names in {@code bpmn/RectificationCase.bpmn}: one case per problem of a round, business key = the case key
 * {@code <round code>/<problem number>} (e.g. {@code 2022-SZPY/1.1}), also held in {@link #PROBLEM_ID}.
 */
public final class RectificationCaseProcess {

  public static final String KEY = "RectificationCase";
  public static final String TASK_CONFIRM_CLOSURE = "Task_ConfirmClosure";
  /** The multi-instance call activity with one unit process per responsible unit. */
  public static final String UNITS_AT_WORK = "CallActivity_UnitRectification";
  /** Some time after the closure (销号), the supervisors look back at each accepted unit (回头看): a multi-instance task. */
  public static final String TASK_LOOK_BACK = "Task_LookBack";
  /** The timer after the closure that brings the look-back. */
  public static final String LOOK_BACK_DUE = "IntermediateEvent_LookBackDue";
  /** The units reopened at the look-back (复号) rectify again: a multi-instance call of the unit process. */
  public static final String REOPENED_UNITS = "CallActivity_ReopenedUnits";
  /** Ends the case (and its units' cases): the problem is withdrawn or carried over into a later round. */
  public static final String MESSAGE_WITHDRAWN = "CaseWithdrawn";

  /** The case key, {@code <round code>/<problem number>}: unique across rounds. */
  public static final String PROBLEM_ID = "problemId";
  public static final String PROBLEM_NUMBER = "problemNumber";
  public static final String ROUND_CODE = "roundCode";
  public static final String ROUND_NAME = "roundName";
  /** The case key of the unfinished case of an earlier round that this one continues, if any. */
  public static final String CARRIED_FROM = "carriedFrom";
  public static final String PROBLEM_CATEGORY = "problemCategory";
  public static final String PROBLEM_TITLE = "problemTitle";
  public static final String PROBLEM_SOURCE = "problemSource";
  public static final String SUGGESTED_MEASURES = "suggestedMeasures";
  public static final String UNIT_IDS = "unitIds";
  public static final String SUPERVISOR_GROUPS = "supervisorGroups";
  public static final String RECTIFICATION_DEADLINE = "rectificationDeadline";
  public static final String RECTIFICATION_DEADLINE_TEXT = "rectificationDeadlineText";
  /** The round's own look-back period (ISO-8601, e.g. P3M); absent: {@code rectification.look-back.after}. */
  public static final String LOOK_BACK_AFTER = "lookBackAfter";
  /** The look-back decision on one unit (local to its task): true 整改成果巩固, false reopen (复号). */
  public static final String LOOK_BACK_CONFIRMED = "lookBackConfirmed";
  /** A reopened unit's new deadline (yyyy-MM-dd); the reason is the task's {@code reviewComment}. */
  public static final String REOPEN_DEADLINE = "reopenDeadline";

  public static String caseKey(String roundCode, String problemNumber) {
    return roundCode + "/" + problemNumber;
  }

  private RectificationCaseProcess() {}
}
