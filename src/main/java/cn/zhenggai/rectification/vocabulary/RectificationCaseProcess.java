package cn.zhenggai.rectification.vocabulary;

/** Names in {@code bpmn/RectificationCase.bpmn}: one case per problem, business key = problem id. */
public final class RectificationCaseProcess {

  public static final String KEY = "RectificationCase";
  public static final String TASK_CONFIRM_CLOSURE = "Task_ConfirmClosure";

  public static final String PROBLEM_ID = "problemId";
  public static final String PROBLEM_CATEGORY = "problemCategory";
  public static final String PROBLEM_TITLE = "problemTitle";
  public static final String PROBLEM_SOURCE = "problemSource";
  public static final String SUGGESTED_MEASURES = "suggestedMeasures";
  public static final String UNIT_IDS = "unitIds";
  public static final String SUPERVISOR_GROUPS = "supervisorGroups";
  public static final String RECTIFICATION_DEADLINE = "rectificationDeadline";
  public static final String RECTIFICATION_DEADLINE_TEXT = "rectificationDeadlineText";

  private RectificationCaseProcess() {}
}
