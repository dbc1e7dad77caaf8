package cn.zhenggai.rectification.extension;

import static cn.zhenggai.rectification.notification.ReceivedMail.part;
import static cn.zhenggai.rectification.notification.ReceivedMail.subject;
import static cn.zhenggai.rectification.notification.ReceivedMail.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.TestMailServer;
import cn.zhenggai.rectification.casework.CaseDriver;
import cn.zhenggai.rectification.security.Viewer;
import cn.zhenggai.rectification.vocabulary.DeadlineWatchProcess;
import cn.zhenggai.rectification.vocabulary.StageDeadlines;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Requests for more time by real email (GreenMail) from the application on PostgreSQL, the sweep running every second:
 * the supervisors hear of a request, the unit of the decision; after an approval the 催办 and the 黄牌 come by the new
 * date, each once, and nothing comes by the old one. The engine clock is moved to the days that matter (the job
 * executor and the mail sender both follow it).
 */
class ExtensionMailIT extends PostgresApplicationTest {

  @RegisterExtension static final TestMailServer smtp = new TestMailServer();
  static final String UNIT = "street-chengguan";

  @DynamicPropertySource
  static void mailAndASweepEverySecond(DynamicPropertyRegistry registry) {
    smtp.configure(registry);
    registry.add("rectification.reminders.sweep-every", () -> "PT1S");
    registry.add("rectification.mail.poll-interval", () -> "PT1S");
    registry.add("rectification.mail.retry-backoff", () -> "PT1S");
  }

  @Autowired ProcessEngine engine;
  @Autowired ExtensionRequests requests;
  @Autowired StageDeadlines deadlines;
  @Autowired JdbcTemplate jdbc;

  @Test
  void theSupervisorsHearOfTheRequestAndTheUnitOfTheDecision() {
    CaseDriver driver = new CaseDriver(engine);
    Task plan = driver.unitTask("1.1", UNIT);
    LocalDate until = deadlines.dayOf(plan.getDueDate()).plusDays(7);

    requests.request(plan.getId(), until, "需要先征求群众意见", secretary());

    await().atMost(Duration.ofSeconds(60)).until(() -> !about("sup-orgdept@example.org", "【延期申请】", "2022-SZPY/1.1 ").isEmpty());
    MimeMessage asked = about("sup-orgdept@example.org", "【延期申请】", "2022-SZPY/1.1 ").get(0);
    assertThat(subject(asked)).contains("城关街道党工委", "审批延期申请");
    assertThat(part(asked, "text/plain")).contains("申请将截止日期由 " + deadlines.dayOf(plan.getDueDate()) + " 延至 " + until, "需要先征求群众意见");
    assertThat(about("sec-chengguan@example.org", "【延期申请】", "2022-SZPY/1.1 ")).isEmpty();

    driver.completeAs("sup-orgdept", driver.extensionReview("1.1", UNIT),
        Map.of(UnitRectificationProcess.EXTENSION_APPROVED, true, UnitRectificationProcess.EXTENSION_GRANTED_UNTIL, until.toString()));

    await().atMost(Duration.ofSeconds(60)).until(() -> !about("sec-chengguan@example.org", "【延期审批】", "2022-SZPY/1.1 ").isEmpty());
    MimeMessage decided = about("sec-chengguan@example.org", "【延期审批】", "2022-SZPY/1.1 ").get(0);
    assertThat(subject(decided)).contains("制定整改方案", until + " 23:59 到期");
    assertThat(part(decided, "text/plain")).contains("同意延期至 " + until, "/camunda/app/tasklist/default/#/?task=" + plan.getId());
    assertThat(about("sup-orgdept@example.org", "【延期审批】", "2022-SZPY/1.1 ")).isEmpty();
  }

  @Test
  void afterAnApprovalTheReminderAndTheYellowCardComeByTheNewDateOnce() {
    CaseDriver driver = new CaseDriver(engine);
    Task plan = driver.unitTask("2.1", UNIT);
    Instant oldDue = plan.getDueDate().toInstant();
    LocalDate until = deadlines.dayOf(plan.getDueDate()).plusDays(10);
    Instant newDue = deadlines.endOf(until).toInstant();
    requests.request(plan.getId(), until, "需要更多时间", secretary());
    driver.completeAs("sup-orgdept", driver.extensionReview("2.1", UNIT),
        Map.of(UnitRectificationProcess.EXTENSION_APPROVED, true, UnitRectificationProcess.EXTENSION_GRANTED_UNTIL, until.toString()));
    try {
      sweptAt(oldDue.minus(Duration.ofDays(3)).plusSeconds(5));
      sweptAt(oldDue.plusSeconds(5));
      sweptAt(oldDue.plus(Duration.ofDays(7)).plusSeconds(5));
      assertThat(kindsOf(plan)).as("nothing by the old date").isEmpty();

      sweptAt(newDue.minus(Duration.ofDays(3)).plusSeconds(5));
      await().atMost(Duration.ofSeconds(60)).until(() -> !about("sec-chengguan@example.org", "【催办】", "2022-SZPY/2.1 ").isEmpty());
      sweptAt(newDue.plusSeconds(5));
      await().atMost(Duration.ofSeconds(60)).until(() -> !about("sup-orgdept@example.org", "【黄牌督办】", "2022-SZPY/2.1 ").isEmpty());
      sweptAt(newDue.plusSeconds(15));

      assertThat(about("sec-chengguan@example.org", "【催办】", "2022-SZPY/2.1 ")).singleElement()
          .satisfies(mail -> assertThat(subject(mail)).endsWith(until + " 23:59 到期"));
      assertThat(about("sec-chengguan@example.org", "【黄牌督办】", "2022-SZPY/2.1 ")).hasSize(1);
      assertThat(about("sup-orgdept@example.org", "【黄牌督办】", "2022-SZPY/2.1 ")).hasSize(1);
      assertThat(kindsOf(plan)).as("the day's reminder passed over: the task is overdue by then")
          .containsExactly("BEFORE_DUE", "YELLOW_CARD");
    } finally {
      ClockUtil.reset();
    }
  }

  /** Moves the engine clock and waits until a sweep has run at that time. */
  private void sweptAt(Instant moment) {
    ClockUtil.setCurrentTime(Date.from(moment));
    await().atMost(Duration.ofSeconds(60)).until(() -> engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(DeadlineWatchProcess.KEY).finished().startedAfter(Date.from(moment.minusSeconds(1))).count() > 0);
  }

  /** The due-date notices recorded for the secretary about this task, in order. */
  private List<String> kindsOf(Task plan) {
    return jdbc.queryForList("select kind from notification where task_id = ? and recipient_id = 'sec-chengguan'"
        + " and kind in ('BEFORE_DUE', 'DUE_DAY', 'YELLOW_CARD', 'RED_CARD') order by id", String.class, plan.getId());
  }

  private static Viewer secretary() {
    return new Viewer("sec-chengguan", Set.of(UNIT), false);
  }

  private static List<MimeMessage> about(String address, String kind, String problem) {
    return Arrays.stream(smtp.getReceivedMessages())
        .filter(m -> to(m).equals(address) && subject(m).startsWith(kind) && subject(m).contains(problem)
            && subject(m).contains("城关街道党工委"))
        .toList();
  }
}
