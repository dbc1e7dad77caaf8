package cn.zhenggai.rectification.notification;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.casework.CaseQueries;
import cn.zhenggai.rectification.casework.CaseRegister;
import cn.zhenggai.rectification.casework.ProcessTestBase;
import cn.zhenggai.rectification.problem.Problem;
import cn.zhenggai.rectification.vocabulary.DeadlineWatchProcess;
import cn.zhenggai.rectification.vocabulary.DueNotice;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.RetentionCleanupProcess;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * Reminders and cards follow each task's current due date: the sweep process {@code DeadlineWatch}, driven here by
 * moving the engine clock and running its timer job.
 */
@Import(DeadlineWatchProcessTest.Coverage.class)
class DeadlineWatchProcessTest extends ProcessTestBase {

  @TestConfiguration
  static class Coverage {
    @Bean
    @Primary
    ProcessEngineCoverageProperties coverageProperties() {
      return completeCoverageExcluding(UnitRectificationProcess.KEY, RectificationCaseProcess.KEY,
          RetentionCleanupProcess.KEY);
    }
  }

  @Autowired NoticeRecords noticeRecords;
  @Autowired DeadlineWatch watch;
  @Autowired CaseRegister caseRegister;

  static final ZoneId COUNTY = ZoneId.of("Asia/Shanghai");
  static final Instant START = LocalDate.of(2027, 1, 4).atTime(9, 0).atZone(COUNTY).toInstant();

  @BeforeEach
  void setClock() {
    ClockUtil.setCurrentTime(Date.from(START));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void remindersThenYellowThenRedCardAndTheLateTaskIsRemembered() {
    starter.startIfNew(DemoRound.opening(problem("93.1")));
    Task draft = driver.unitTask("93.1", "street-chengguan");
    Instant due = draft.getDueDate().toInstant();
    assertThat(due).isEqualTo(START.plus(Duration.ofDays(15)));
    assertThat(notices("93.1")).extracting(NoticeRecords.NoticeRecord::kind, NoticeRecords.NoticeRecord::recipientId)
        .containsExactly(tuple("NEW_TASK", "sec-chengguan"));

    sweepAt(due.minus(Duration.ofDays(3)).minusSeconds(1));
    assertThat(kindsFor(draft)).containsExactly("NEW_TASK");
    sweepAt(due.minus(Duration.ofDays(3)).plusSeconds(1));
    assertThat(kindsFor(draft)).containsExactly("NEW_TASK", "BEFORE_DUE");
    assertThat(notices("93.1").get(1).subject()).startsWith("【催办】问题 2022-SZPY/93.1 测试问题 93.1 · 城关街道党工委 · 制定整改方案 · 2027-01-19 09:00 到期");

    sweepAt(LocalDate.of(2027, 1, 19).atTime(8, 0, 1).atZone(COUNTY).toInstant());
    assertThat(kindsFor(draft)).containsExactly("NEW_TASK", "BEFORE_DUE", "DUE_DAY");
    assertThat(unit("93.1").card()).isEqualTo("NONE");

    sweepAt(due.plusSeconds(1));
    assertThat(recipientsOf(draft, "YELLOW_CARD")).containsExactlyInAnyOrder("sec-chengguan", "sup-orgdept");
    assertThat(unit("93.1").card()).isEqualTo("YELLOW");
    sweepAt(due.plusSeconds(2));
    assertThat(recipientsOf(draft, "YELLOW_CARD")).as("a second sweep adds nothing").hasSize(2);

    sweepAt(due.plus(Duration.ofDays(7)).plusSeconds(1));
    assertThat(recipientsOf(draft, "RED_CARD")).containsExactlyInAnyOrder("sec-chengguan", "sup-orgdept", "leader");
    assertThat(unit("93.1").card()).isEqualTo("RED");
    assertThat(notices("93.1").stream().filter(n -> n.kind().equals("RED_CARD")).findFirst().orElseThrow().subject())
        .startsWith("【红牌督办】").endsWith("已逾期 8 天");

    driver.submitPlan("93.1", "street-chengguan", "sec-chengguan");
    assertThat(unit("93.1").lateTasks()).isEqualTo(1);
    assertThat(unit("93.1").card()).as("the review starts without a card").isEqualTo("NONE");
  }

  /** A supervisor moves the due date 10 days later in Tasklist after the 催办: every later notice moves with it. */
  @Test
  void aDueDateMovedLaterInTasklistMovesEveryNotice() {
    starter.startIfNew(DemoRound.opening(problem("93.6")));
    Task draft = driver.unitTask("93.6", "street-chengguan");
    Instant due = draft.getDueDate().toInstant();
    sweepAt(due.minus(Duration.ofDays(3)).plusSeconds(1));
    assertThat(recipientsOf(draft, "BEFORE_DUE")).containsExactly("sec-chengguan");

    Instant later = due.plus(Duration.ofDays(10));
    moveDueDateAs("sup-orgdept", draft, later);
    sweepAt(due.plusSeconds(1));
    assertThat(kindsFor(draft)).as("nothing at the old due date").containsExactly("NEW_TASK", "BEFORE_DUE");
    assertThat(unit("93.6").card()).isEqualTo("NONE");

    sweepAt(later.minus(Duration.ofDays(3)).plusSeconds(1));
    assertThat(recipientsOf(draft, "BEFORE_DUE")).as("a 催办 for the new date").containsExactly("sec-chengguan", "sec-chengguan");
    assertThat(notices("93.6")).filteredOn(n -> n.kind().equals("BEFORE_DUE")).last()
        .satisfies(n -> assertThat(n.subject()).contains("2027-01-29 09:00 到期"));
    sweepAt(LocalDate.of(2027, 1, 29).atTime(8, 0, 1).atZone(COUNTY).toInstant());
    assertThat(recipientsOf(draft, "DUE_DAY")).containsExactly("sec-chengguan");
    sweepAt(later.plusSeconds(1));
    sweepAt(later.plusSeconds(2));
    assertThat(recipientsOf(draft, "YELLOW_CARD")).containsExactlyInAnyOrder("sec-chengguan", "sup-orgdept");
    assertThat(unit("93.6").card()).isEqualTo("YELLOW");
  }

  /** Moved earlier, into the reminder window: the 催办 comes at the next sweep, then the day's reminder and the card. */
  @Test
  void aDueDateMovedEarlierBringsTheNoticesForward() {
    starter.startIfNew(DemoRound.opening(problem("93.7")));
    Task draft = driver.unitTask("93.7", "street-chengguan");
    Instant sooner = START.plus(Duration.ofDays(1));
    moveDueDateAs("sup-orgdept", draft, sooner);

    sweepAt(START.plusSeconds(60));
    assertThat(kindsFor(draft)).containsExactly("NEW_TASK", "BEFORE_DUE");
    sweepAt(LocalDate.of(2027, 1, 5).atTime(8, 0, 1).atZone(COUNTY).toInstant());
    assertThat(kindsFor(draft)).containsExactly("NEW_TASK", "BEFORE_DUE", "DUE_DAY");
    sweepAt(sooner.plusSeconds(1));
    assertThat(kindsFor(draft)).containsExactly("NEW_TASK", "BEFORE_DUE", "DUE_DAY", "YELLOW_CARD");
  }

  @Test
  void aYellowCardIsLiftedByALaterDueDateAndRaisedAgainAtIt() {
    starter.startIfNew(DemoRound.opening(problem("93.8")));
    Task draft = driver.unitTask("93.8", "street-chengguan");
    Instant due = draft.getDueDate().toInstant();
    sweepAt(due.plusSeconds(1));
    assertThat(unit("93.8").card()).isEqualTo("YELLOW");

    Instant later = due.plus(Duration.ofDays(5));
    moveDueDateAs("sup-orgdept", draft, later);
    assertThat(unit("93.8").card()).isEqualTo("NONE");
    sweepAt(later.minusSeconds(1));
    assertThat(unit("93.8").card()).isEqualTo("NONE");
    assertThat(recipientsOf(draft, "BEFORE_DUE")).as("the new date's 催办, once").containsExactly("sec-chengguan");

    sweepAt(later.plusSeconds(1));
    assertThat(unit("93.8").card()).isEqualTo("YELLOW");
    assertThat(recipientsOf(draft, "YELLOW_CARD")).as("one card per due date")
        .containsExactlyInAnyOrder("sec-chengguan", "sup-orgdept", "sec-chengguan", "sup-orgdept");
  }

  /** 落实整改 opened after the problem's deadline: due at once, so its cards come and no reminders. */
  @Test
  void aTaskCreatedOverdueGetsItsCardsNotItsReminders() {
    starter.startIfNew(DemoRound.opening(problem("93.9")));
    driver.submitPlan("93.9", "street-chengguan", "sec-chengguan");
    ClockUtil.setCurrentTime(Date.from(LocalDate.of(2027, 7, 1).atTime(9, 0).atZone(COUNTY).toInstant()));
    driver.reviewPlan("93.9", "street-chengguan", "sup-orgdept", true, null);
    Task rectify = driver.unitTask("93.9", "street-chengguan");

    sweepAt(LocalDate.of(2027, 7, 1).atTime(9, 1).atZone(COUNTY).toInstant());

    assertThat(kindsFor(rectify)).containsExactly("NEW_TASK", "YELLOW_CARD");
    assertThat(unit("93.9").card()).isEqualTo("YELLOW");
  }

  /** Two sweeps over the same due rows (a lock expired while the first still ran): each notice once, each card once. */
  @Test
  void twoSweepsAtOnceRecordEachNoticeOnce() throws Exception {
    List<Task> drafts = new java.util.ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      starter.startIfNew(DemoRound.opening(problem("94." + i)));
      drafts.add(driver.unitTask("94." + i, "street-chengguan"));
    }
    Instant due = drafts.get(0).getDueDate().toInstant();
    sweepAt(due.minus(Duration.ofDays(3)).plusSeconds(1));
    sweepAt(LocalDate.of(2027, 1, 19).atTime(8, 0, 1).atZone(COUNTY).toInstant());
    ClockUtil.setCurrentTime(Date.from(due.plusSeconds(1)));

    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var first = pool.submit(() -> watch.sweep("YELLOW_CARD"));
      var second = pool.submit(() -> watch.sweep("YELLOW_CARD"));
      first.get();
      second.get();
    } finally {
      pool.shutdown();
    }

    assertThat(jdbc.queryForObject("select count(*) from notification where kind = 'YELLOW_CARD' and problem_id like ?",
        Integer.class, DemoRound.key("94.") + "%")).isEqualTo(40);
    assertThat(jdbc.queryForObject("select count(*) from case_unit where card = 'YELLOW' and next_notice = 'RED_CARD'"
        + " and problem_id like ?", Integer.class, DemoRound.key("94.") + "%")).isEqualTo(20);
  }

  /** The sweep found the row, then the unit completed its task: the row is not moved and nothing is sent. */
  @Test
  void aRowWhoseTaskEndedMeanwhileIsSkipped() {
    starter.startIfNew(DemoRound.opening(problem("93.10")));
    Task draft = driver.unitTask("93.10", "street-chengguan");
    ClockUtil.setCurrentTime(Date.from(draft.getDueDate().toInstant().minus(Duration.ofDays(3)).plusSeconds(1)));
    List<CaseRegister.DueTask> found = caseRegister.due(DueNotice.BEFORE_DUE, ClockUtil.getCurrentTime(), 10);
    assertThat(found).extracting(CaseRegister.DueTask::taskId).containsExactly(draft.getId());

    driver.submitPlan("93.10", "street-chengguan", "sec-chengguan");

    assertThat(caseRegister.advance(List.of(new CaseRegister.Advance(found.get(0), null, null)))).containsExactly(false);
  }

  /**
   * A time in the register finer than a millisecond (the database keeps microseconds; an operator's SQL or another
   * writer may put them there) is still swept: the compare-and-set passes back the value exactly as it was read.
   */
  @Test
  void aNoticeTimeWithMicrosecondsIsSwept() {
    starter.startIfNew(DemoRound.opening(problem("93.11")));
    Task draft = driver.unitTask("93.11", "street-chengguan");
    Timestamp reminder = Timestamp.from(draft.getDueDate().toInstant().minus(Duration.ofDays(3)));
    reminder.setNanos(reminder.getNanos() + 123_000);
    jdbc.update("update case_unit set next_notice_at = ? where task_id = ?", reminder, draft.getId());

    sweepAt(reminder.toInstant().plusSeconds(1));

    assertThat(kindsFor(draft)).containsExactly("NEW_TASK", "BEFORE_DUE");
    assertThat(jdbc.queryForObject("select next_notice from case_unit where task_id = ?", String.class, draft.getId()))
        .isEqualTo("DUE_DAY");
  }

  /** Its own small process: each run passes the four steps in order, and the next run is due within a minute. */
  @Test
  void theSweepIsAProcessOfItsOwnThatRunsEveryMinute() {
    Instant at = START.plusSeconds(3600);
    sweepAt(at);

    String sweep = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(DeadlineWatchProcess.KEY).singleResult().getId();
    var history = engine.getHistoryService().createHistoricActivityInstanceQuery()
        .processInstanceId(sweep).orderByHistoricActivityInstanceStartTime().asc()
        .orderPartiallyByOccurrence().asc().list();
    assertThat(history).extracting(a -> a.getActivityId()).containsExactly(DeadlineWatchProcess.START,
        DeadlineWatchProcess.TASK_REMIND_BEFORE_DUE, DeadlineWatchProcess.TASK_REMIND_DUE_DAY,
        DeadlineWatchProcess.TASK_RAISE_YELLOW_CARDS, DeadlineWatchProcess.TASK_RAISE_RED_CARDS, "EndEvent_SweepDone");
    assertThat(sweepJob().getDuedate().toInstant()).isAfter(at).isBeforeOrEqualTo(at.plus(Duration.ofMinutes(1)));
  }

  @Test
  void aTaskCompletedInTimeGetsNoReminder() {
    starter.startIfNew(DemoRound.opening(problem("93.2")));
    Task draft = driver.unitTask("93.2", "street-chengguan");
    driver.submitPlan("93.2", "street-chengguan", "sec-chengguan");

    sweepAt(START.plus(Duration.ofDays(40)));

    assertThat(kindsFor(draft)).containsExactly("NEW_TASK");
    assertThat(unit("93.2").lateTasks()).isZero();
  }

  @Test
  void theReminderMailIsChineseHtmlWithATextAlternativeAndALinkToTheTask() {
    starter.startIfNew(DemoRound.opening(problem("93.3")));
    Task draft = driver.unitTask("93.3", "street-chengguan");
    sweepAt(draft.getDueDate().toInstant().plusSeconds(1));

    var yellow = jdbc.queryForMap("select * from notification where task_id = ? and kind = 'YELLOW_CARD' and recipient_id = 'sec-chengguan'", draft.getId());

    assertThat((String) yellow.get("html_body")).contains("李卫东 同志：", "亮黄牌督办", "城关街道党工委", "制定整改方案", "逾期天数",
        "href=\"http://localhost:8080/camunda/app/tasklist/default/#/?task=" + draft.getId() + "\"");
    assertThat((String) yellow.get("text_body")).contains("【黄牌督办】", "截止日期：2027-01-19 09:00", "逾期天数：1 天",
        "http://localhost:8080/camunda/app/tasklist/default/#/?task=" + draft.getId()).doesNotContain("<");
    assertThat(yellow.get("recipient_email")).isEqualTo("sec-chengguan@example.org");
  }

  @Test
  void withoutAMailServerNoticesAreRecordedAsNotSentAndWorkGoesOn() {
    starter.startIfNew(DemoRound.opening(problem("93.4")));

    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "NOT_SENT".equals(jdbc.queryForObject(
        "select status from notification where problem_id = '2022-SZPY/93.4' and kind = 'NEW_TASK'", String.class)));
    assertThat(jdbc.queryForObject("select last_error from notification where problem_id = '2022-SZPY/93.4'", String.class))
        .isEqualTo("未配置邮件服务器（spring.mail.host）");
    driver.submitPlan("93.4", "street-chengguan", "sec-chengguan");
    assertThat(driver.unitTask("93.4", "street-chengguan").getName()).startsWith("审核整改方案 · 93.4");
  }

  /** The engine clock at that moment, and the sweep's timer job run (whenever it was due). */
  private void sweepAt(Instant moment) {
    ClockUtil.setCurrentTime(Date.from(moment));
    engine.getManagementService().executeJob(sweepJob().getId());
  }

  private Job sweepJob() {
    return engine.getManagementService().createJobQuery().processDefinitionKey(DeadlineWatchProcess.KEY).singleResult();
  }

  /** As in Tasklist: the supervisor signed in saves the task with a new due date. */
  private void moveDueDateAs(String user, Task task, Instant due) {
    engine.getIdentityService().setAuthentication(user, engine.getIdentityService().createGroupQuery().groupMember(user)
        .list().stream().map(org.camunda.bpm.engine.identity.Group::getId).toList());
    try {
      task.setDueDate(Date.from(due));
      engine.getTaskService().saveTask(task);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  private List<String> kindsFor(Task task) {
    return jdbc.queryForList("select kind from notification where task_id = ? order by id", String.class, task.getId())
        .stream().distinct().toList();
  }

  private List<String> recipientsOf(Task task, String kind) {
    return jdbc.queryForList("select recipient_id from notification where task_id = ? and kind = ?", String.class,
        task.getId(), kind);
  }

  private List<NoticeRecords.NoticeRecord> notices(String problemId) {
    return noticeRecords.ofProblem(DemoRound.key(problemId));
  }

  private CaseQueries.UnitCase unit(String problemId) {
    return register(problemId).units().get(0);
  }

  private static Problem problem(String id) {
    return new Problem(id, "测试类别", "测试问题 " + id, "原文", List.of(), List.of("street-chengguan"),
        List.of("org-dept"), LocalDate.of(2027, 6, 30));
  }

  private static org.assertj.core.groups.Tuple tuple(Object... values) {
    return org.assertj.core.groups.Tuple.tuple(values);
  }
}
