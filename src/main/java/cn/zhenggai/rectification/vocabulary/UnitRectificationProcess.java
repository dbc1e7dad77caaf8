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

  /** 延期申请: the unit asks for more time on its open task, the supervisors decide (an event sub-process). */
  public static final String TASK_REVIEW_EXTENSION = "Task_ReviewExtension";
  public static final String MESSAGE_EXTENSION_REQUESTED = "ExtensionRequested";
  /** Ends a waiting request: the unit completed its task before the supervisors decided. */
  public static final String MESSAGE_EXTENSION_LAPSED = "ExtensionLapsed";
  /** Locals of the request's sub-process, for the review form. */
  public static final String EXTENSION_REQUEST_ID = "extensionRequestId";
  public static final String EXTENSION_STAGE = "extensionStage";
  public static final String EXTENSION_REASON = "extensionReason";
  public static final String EXTENSION_CURRENT_DUE = "extensionCurrentDue";
  public static final String EXTENSION_DUE_AT = "extensionDueAt";
  public static final String EXTENSION_REQUESTED_UNTIL = "extensionRequestedUntil";
  public static final String EXTENSION_REQUESTS_USED = "extensionRequestsUsed";
  /** The supervisors' decision (locals of the sub-process, written by the review form). */
  public static final String EXTENSION_APPROVED = "extensionApproved";
  public static final String EXTENSION_GRANTED_UNTIL = "extensionGrantedUntil";
  public static final String EXTENSION_DECISION_COMMENT = "extensionDecisionComment";
  /** Transient, while a granted extension moves the due date: the timeline records the grant, not a second change. */
  public static final String EXTENSION_GRANTED = "extensionGranted";
  /** Read-only on the unit's forms: the original deadline and what became of requests for more time. */
  public static final String DEADLINE_NOTE = "deadlineNote";

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
