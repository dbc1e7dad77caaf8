package cn.zhenggai.rectification.notification;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.casework.CaseQueries;
import cn.zhenggai.rectification.casework.ProcessTestBase;
import cn.zhenggai.rectification.problem.Problem;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Reminders and cards follow the engine clock: driven here by moving it and executing the timers that fall due. */
class DeadlineWatchProcessTest extends ProcessTestBase {

  @Autowired NoticeRecords noticeRecords;

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

    runTimersUntil(due.minus(Duration.ofDays(3)).plusSeconds(1));
    assertThat(kindsFor(draft)).containsExactly("NEW_TASK", "BEFORE_DUE");
    assertThat(notices("93.1").get(1).subject()).startsWith("【催办】问题 2022-SZPY/93.1 测试问题 93.1 · 城关街道党工委 · 制定整改方案 · 2027-01-19 09:00 到期");

    runTimersUntil(LocalDate.of(2027, 1, 19).atTime(8, 0, 1).atZone(COUNTY).toInstant());
    assertThat(kindsFor(draft)).containsExactly("NEW_TASK", "BEFORE_DUE", "DUE_DAY");
    assertThat(unit("93.1").card()).isEqualTo("NONE");

    runTimersUntil(due.plusSeconds(1));
    assertThat(recipientsOf(draft, "YELLOW_CARD")).containsExactlyInAnyOrder("sec-chengguan", "sup-orgdept");
    assertThat(unit("93.1").card()).isEqualTo("YELLOW");

    runTimersUntil(due.plus(Duration.ofDays(7)).plusSeconds(1));
    assertThat(recipientsOf(draft, "RED_CARD")).containsExactlyInAnyOrder("sec-chengguan", "sup-orgdept", "leader");
    assertThat(unit("93.1").card()).isEqualTo("RED");
    assertThat(notices("93.1").stream().filter(n -> n.kind().equals("RED_CARD")).findFirst().orElseThrow().subject())
        .startsWith("【红牌督办】").endsWith("已逾期 8 天");

    driver.submitPlan("93.1", "street-chengguan", "sec-chengguan");
    assertThat(unit("93.1").lateTasks()).isEqualTo(1);
    assertThat(unit("93.1").card()).as("the review starts without a card").isEqualTo("NONE");
  }

  /** The yellow timer and the due date are worked out a few milliseconds apart: a timer firing just before still counts. */
  @Test
  void aCardTimerFiringAMomentBeforeTheDueInstantStillRaisesTheCard() {
    starter.startIfNew(DemoRound.opening(problem("93.5")));
    Task draft = driver.unitTask("93.5", "street-chengguan");
    Instant due = draft.getDueDate().toInstant();

    ClockUtil.setCurrentTime(Date.from(due.minusMillis(300)));
    engine.getManagementService().executeJob(timerDueAt(draft, due).getId());

    assertThat(recipientsOf(draft, "YELLOW_CARD")).containsExactlyInAnyOrder("sec-chengguan", "sup-orgdept");
    assertThat(unit("93.5").card()).isEqualTo("YELLOW");
  }

  /** A due date a supervisor moved into the future while the card timer stood: no card. */
  @Test
  void aCardTimerForADueDateMovedLaterRaisesNoCard() {
    starter.startIfNew(DemoRound.opening(problem("93.6")));
    Task draft = driver.unitTask("93.6", "street-chengguan");
    Instant due = draft.getDueDate().toInstant();
    draft.setDueDate(Date.from(due.plus(Duration.ofDays(2))));
    engine.getTaskService().saveTask(draft);

    runTimersUntil(due.plusSeconds(1));

    assertThat(recipientsOf(draft, "YELLOW_CARD")).isEmpty();
    assertThat(unit("93.6").card()).isEqualTo("NONE");
  }

  @Test
  void aTaskCompletedInTimeGetsNoReminder() {
    starter.startIfNew(DemoRound.opening(problem("93.2")));
    Task draft = driver.unitTask("93.2", "street-chengguan");
    driver.submitPlan("93.2", "street-chengguan", "sec-chengguan");

    runTimersUntil(START.plus(Duration.ofDays(40)));

    assertThat(kindsFor(draft)).containsExactly("NEW_TASK");
    assertThat(unit("93.2").lateTasks()).isZero();
  }

  @Test
  void theReminderMailIsChineseHtmlWithATextAlternativeAndALinkToTheTask() {
    starter.startIfNew(DemoRound.opening(problem("93.3")));
    Task draft = driver.unitTask("93.3", "street-chengguan");
    runTimersUntil(draft.getDueDate().toInstant().plusSeconds(1));

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

  private void runTimersUntil(Instant moment) {
    ClockUtil.setCurrentTime(Date.from(moment));
    List<Job> due;
    while (!(due = engine.getManagementService().createJobQuery().timers()
        .duedateLowerThan(Date.from(moment.plusMillis(1))).list()).isEmpty()) {
      due.forEach(job -> engine.getManagementService().executeJob(job.getId()));
    }
  }

  private Job timerDueAt(Task task, Instant due) {
    return engine.getManagementService().createJobQuery().processInstanceId(task.getProcessInstanceId()).timers().list()
        .stream().filter(job -> job.getDuedate().toInstant().equals(due)).findFirst().orElseThrow();
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
