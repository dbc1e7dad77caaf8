package cn.zhenggai.rectification.vocabulary;

/** Names in {@code bpmn/DeadlineWatch.bpmn}: the sweep that sends the notices of {@link DueNotice} on time. */
public final class DeadlineWatchProcess {

  public static final String KEY = "DeadlineWatch";
  public static final String START = "StartEvent_SweepDue";
  public static final String TASK_REMIND_BEFORE_DUE = "Task_RemindBeforeDue";
  public static final String TASK_REMIND_DUE_DAY = "Task_RemindDueDay";
  public static final String TASK_RAISE_YELLOW_CARDS = "Task_RaiseYellowCards";
  public static final String TASK_RAISE_RED_CARDS = "Task_RaiseRedCards";

  private DeadlineWatchProcess() {}
}
