package cn.zhenggai.rectification.vocabulary;

/** Names in {@code bpmn/RetentionCleanup.bpmn}: the night's removal of records past their retention. */
public final class RetentionCleanupProcess {

  public static final String KEY = "RetentionCleanup";
  public static final String START = "StartEvent_NightWindow";
  public static final String TASK_REMOVE_EXPIRED_RECORDS = "Task_RemoveExpiredRecords";
  public static final String END = "EndEvent_Cleaned";

  private RetentionCleanupProcess() {}
}
