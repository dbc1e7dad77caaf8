package cn.zhenggai.rectification.vocabulary;

/**
 * Names in {@code bpmn/UnitRectification.bpmn}: one process per problem and unit, business key =
 * {@code <case key>/<unit id>}, e.g. {@code 2022-SZPY/1.1/street-chengguan}. It also receives the case variables of {@link RectificationCaseProcess}.
 */
public final class UnitRectificationProcess {

  public static final String KEY = "UnitRectification";
  public static final String TASK_DRAFT_PLAN = "Task_DraftPlan";
  public static final String TASK_REVIEW_PLAN = "Task_ReviewPlan";
  public static final String TASK_RECTIFY = "Task_Rectify";
  public static final String TASK_ACCEPT_RECTIFICATION = "Task_AcceptRectification";
  /** Ends the unit's case: the unit was taken off the problem. */
  public static final String MESSAGE_WITHDRAWN = "UnitWithdrawn";

  public static final String UNIT_ID = "unitId";
  public static final String UNIT_NAME = "unitName";

  public static final String PLAN_MEASURES = "planMeasures";
  public static final String PLAN_RESPONSIBLE_PERSON = "planResponsiblePerson";
  public static final String PLAN_TARGET_DATE = "planTargetDate";
  public static final String PLAN_NOTES = "planNotes";

  public static final String RECTIFICATION_DONE = "rectificationDone";
  public static final String RECTIFICATION_RESULTS = "rectificationResults";
  public static final String EVIDENCE_DESCRIPTION = "evidenceDescription";

  public static final String PLAN_APPROVED = "planApproved";
  public static final String RECTIFICATION_ACCEPTED = "rectificationAccepted";
  public static final String REVIEW_COMMENT = "reviewComment";

  /** True for a unit reopened at the look-back (复号): its process starts at 落实整改, its plan stands. */
  public static final String REOPENED = "reopened";

  /** Readable history of plans, reports and reviews shown on every form of the unit. */
  public static final String CASE_HISTORY = "caseHistory";

  public static String businessKey(String problemId, String unitId) {
    return problemId + "/" + unitId;
  }

  private UnitRectificationProcess() {}
}
