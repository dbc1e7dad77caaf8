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

  public static String caseKey(String roundCode, String problemNumber) {
    return roundCode + "/" + problemNumber;
  }

  private RectificationCaseProcess() {}
}
