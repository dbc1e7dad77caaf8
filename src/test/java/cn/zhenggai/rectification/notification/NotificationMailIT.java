package cn.zhenggai.rectification.notification;

import static cn.zhenggai.rectification.notification.ReceivedMail.part;
import static cn.zhenggai.rectification.notification.ReceivedMail.subject;
import static cn.zhenggai.rectification.notification.ReceivedMail.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.TestMailServer;
import cn.zhenggai.rectification.casework.CaseStarter;
import cn.zhenggai.rectification.problem.Problem;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Reminders and cards by real email (GreenMail as the SMTP server) from the application on PostgreSQL, with
 * deadlines in seconds: the draft plan is due after 30 s, reminded at 10 s and 20 s, yellow at 30 s, red at 40 s; the
 * sweep that sends them runs every second.
 */
class NotificationMailIT extends PostgresApplicationTest {

  @RegisterExtension static final TestMailServer smtp = new TestMailServer();
  static final ZoneId COUNTY = ZoneId.of("Asia/Shanghai");

  @DynamicPropertySource
  static void mailAndSecondScaleDeadlines(DynamicPropertyRegistry registry) {
    smtp.configure(registry);
    SecondScaleDeadlines.register(registry);
    registry.add("rectification.mail.retry-backoff", () -> "PT1S");
    registry.add("rectification.mail.max-attempts", () -> "30");
    registry.add("rectification.mail.claim-timeout", () -> "PT3S");
  }

  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  @Autowired CaseStarter starter;
  @Autowired DailyDigest digest;
  @Autowired TestRestTemplate http;

  @Test
  void eachReminderAndCardArrivesOnceInChineseWithALinkToTheTask() throws Exception {
    Task draft = engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(UnitRectificationProcess.businessKey(DemoRound.key("1.1"), "street-chengguan")).singleResult();

    await().atMost(Duration.ofSeconds(90)).until(() -> subjectsTo("leader@example.org").stream().anyMatch(s -> s.startsWith("【红牌督办】")));
    await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
        "select count(*) from notification where unit_id = 'street-chengguan' and status in ('PENDING', 'SENDING')",
        Integer.class) == 0);

    List<String> secretary = subjectsTo("sec-chengguan@example.org");
    assertThat(secretary).filteredOn(s -> s.contains("城关街道党工委")).extracting(s -> s.substring(0, s.indexOf('】') + 1))
        .containsExactly("【新任务】", "【催办】", "【今日到期】", "【黄牌督办】", "【红牌督办】");
    assertThat(subjectsTo("sup-orgdept@example.org")).filteredOn(s -> s.contains("城关街道党工委"))
        .extracting(s -> s.substring(0, s.indexOf('】') + 1)).containsExactly("【黄牌督办】", "【红牌督办】");
    assertThat(subjectsTo("leader@example.org")).filteredOn(s -> s.contains("城关街道党工委")).hasSize(1);

    MimeMessage yellow = messagesTo("sec-chengguan@example.org").stream()
        .filter(m -> subject(m).startsWith("【黄牌督办】") && subject(m).contains("城关")).findFirst().orElseThrow();
    assertThat(subject(yellow)).isEqualTo("【黄牌督办】问题 2022-SZPY/1.1 理论学习不深入 · 城关街道党工委 · 制定整改方案 · 已逾期 1 天");
    String link = "/camunda/app/tasklist/default/#/?task=" + draft.getId();
    assertThat(part(yellow, "text/plain")).contains("李卫东 同志：", "亮黄牌督办", "截止日期：", link);
    assertThat(part(yellow, "text/html")).contains("<a href=\"http://localhost:8080" + link + "\"");
    assertThat(yellow.getFrom()[0].toString()).contains("noreply@example.org");

    assertThat(jdbc.queryForObject("select card from case_unit where unit_id = 'street-chengguan'", String.class))
        .isEqualTo("RED");
    assertThat(jdbc.queryForList("select status from notification where unit_id = 'street-chengguan'", String.class))
        .containsOnly("SENT");
  }

  /** A supervisor moves the due date in Tasklist: reminders and cards come by the new date, each once. */
  @Test
  void aDueDateMovedInTasklistBringsItsRemindersAtTheNewDateOnce() throws Exception {
    var asSupervisor = http.withBasicAuth("sup-orgdept", "demo");
    // the REST API starts on its first request, which may take longer than the plan's first reminder
    assertThat(asSupervisor.getForEntity("/engine-rest/task/count", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    starter.startIfNew(DemoRound.opening(new Problem("8.5", "测试类别", "改期测试问题", "原文", List.of(), List.of("street-xicheng"),
        List.of("org-dept"), LocalDate.of(2027, 6, 30))));
    Task draft = engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(UnitRectificationProcess.businessKey(DemoRound.key("8.5"), "street-xicheng")).singleResult();
    Instant moved = draft.getDueDate().toInstant().plusSeconds(40).truncatedTo(ChronoUnit.SECONDS);
    ObjectNode body = (ObjectNode) asSupervisor.getForEntity("/engine-rest/task/" + draft.getId(), JsonNode.class).getBody();
    body.put("due", DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(COUNTY).format(moved));
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    assertThat(asSupervisor.exchange("/engine-rest/task/" + draft.getId(), HttpMethod.PUT, new HttpEntity<>(body, json),
        String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    await().atMost(Duration.ofSeconds(120)).until(() -> subjectsTo("leader@example.org").stream()
        .anyMatch(s -> s.startsWith("【红牌督办】") && s.contains("改期测试问题")));
    await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
        "select count(*) from notification where problem_id = '2022-SZPY/8.5' and status in ('PENDING', 'SENDING')",
        Integer.class) == 0);

    List<String> secretary = subjectsTo("sec-xicheng@example.org").stream().filter(s -> s.contains("改期测试问题")).toList();
    assertThat(secretary).extracting(s -> s.substring(0, s.indexOf('】') + 1))
        .containsExactly("【新任务】", "【催办】", "【今日到期】", "【黄牌督办】", "【红牌督办】");
    assertThat(secretary.get(1)).endsWith(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(COUNTY).format(moved) + " 到期");
    assertThat(subjectsTo("sup-orgdept@example.org")).filteredOn(s -> s.contains("改期测试问题"))
        .extracting(s -> s.substring(0, s.indexOf('】') + 1)).containsExactly("【黄牌督办】", "【红牌督办】");
    assertThat(jdbc.queryForObject("select min(created_at) from notification where problem_id = '2022-SZPY/8.5'"
        + " and kind = 'YELLOW_CARD'", Timestamp.class).toInstant()).as("no card by the old due date").isAfterOrEqualTo(moved);
  }

  @Test
  void theDigestListsAllOpenTasksOverdueFirstInOneMail() throws Exception {
    var asDongcheng = http.withBasicAuth("sec-dongcheng", "demo");
    assertThat(asDongcheng.exchange("/api/me/notification-preference", HttpMethod.PUT,
        new HttpEntity<>(Map.of("digest", true)), String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    starter.startIfNew(DemoRound.opening(new Problem("8.1", "测试类别", "汇总测试问题", "原文", List.of(), List.of("street-dongcheng"),
        List.of("org-dept"), LocalDate.of(2027, 6, 30))));
    assertThat(jdbc.queryForObject("select status from notification where problem_id = '2022-SZPY/8.1' and kind = 'NEW_TASK'",
        String.class)).isEqualTo("IN_DIGEST");

    assertThat(digest.send(LocalDate.now())).isEqualTo(1);
    assertThat(digest.send(LocalDate.now())).as("once a day").isZero();

    await().atMost(Duration.ofSeconds(20)).until(() -> subjectsTo("sec-dongcheng@example.org").stream().anyMatch(s -> s.startsWith("【待办汇总】")));
    MimeMessage mail = messagesTo("sec-dongcheng@example.org").stream()
        .filter(m -> subject(m).startsWith("【待办汇总】")).findFirst().orElseThrow();
    String text = part(mail, "text/plain");
    assertThat(text).contains("汇总测试问题", "理论学习不深入");
    assertThat(text.indexOf("理论学习不深入")).as("the overdue task of 1.1 comes first").isLessThan(text.indexOf("汇总测试问题"));
    assertThat(subjectsTo("sec-dongcheng@example.org")).noneMatch(s -> s.contains("汇总测试问题") && s.startsWith("【新任务】"));
    assertThat(jdbc.queryForObject("select status from notification where problem_id = '2022-SZPY/8.1' and kind = 'NEW_TASK'",
        String.class)).isEqualTo("DIGESTED");
  }

  @Test
  void whileTheMailServerIsDownNothingIsLostAndEachNoticeArrivesOnceWhenItIsBack() throws Exception {
    smtp.stop();
    try {
      starter.startIfNew(DemoRound.opening(new Problem("8.2", "测试类别", "断线测试问题", "原文", List.of(), List.of("street-chengguan"),
          List.of("org-dept"), LocalDate.of(2027, 6, 30))));
      await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
          "select count(*) from notification where problem_id = '2022-SZPY/8.2' and attempts >= 2 and last_error is not null and status = 'PENDING'",
          Integer.class) == 1);
    } finally {
      smtp.start();
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> subjectsTo("sec-chengguan@example.org").stream().anyMatch(s -> s.contains("断线测试问题")));
    // and it stays one: no second copy arrives while the poller keeps running
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
        subjectsTo("sec-chengguan@example.org").stream().filter(s -> s.contains("断线测试问题")).count() == 1);
  }

  @Test
  void aNoticeANodeDiedWhileSendingGoesOutOnceAfterItsClaimExpires() throws Exception {
    starter.startIfNew(DemoRound.opening(new Problem("8.3", "测试类别", "中断测试问题", "原文", List.of(), List.of("organs"),
        List.of("org-dept"), LocalDate.of(2027, 6, 30))));
    // as if a node had claimed it and died before sending
    jdbc.update("update notification set status = 'SENDING', claimed_at = now(), attempts = 1 where problem_id = '2022-SZPY/8.3'");

    await().atMost(Duration.ofSeconds(30)).until(() -> subjectsTo("sec-organs@example.org").stream().anyMatch(s -> s.contains("中断测试问题")));
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
        subjectsTo("sec-organs@example.org").stream().filter(s -> s.contains("中断测试问题")).count() == 1);
    assertThat(jdbc.queryForObject("select status from notification where problem_id = '2022-SZPY/8.3'", String.class)).isEqualTo("SENT");
  }

  @Test
  void afterTheLastAttemptANoticeIsMarkedFailedAndAnAdministratorCanSendItAgain() throws Exception {
    smtp.stop();
    try {
      starter.startIfNew(DemoRound.opening(new Problem("8.4", "测试类别", "重发测试问题", "原文", List.of(), List.of("education"),
          List.of("org-dept"), LocalDate.of(2027, 6, 30))));
      jdbc.update("update notification set attempts = 29 where problem_id = '2022-SZPY/8.4' and kind = 'NEW_TASK'"); // one attempt left of 30
      await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(
          jdbc.queryForObject("select status from notification where problem_id = '2022-SZPY/8.4' and kind = 'NEW_TASK'", String.class)));
    } finally {
      smtp.start();
    }
    Map<String, Object> failed = jdbc.queryForMap("select id, last_error from notification where problem_id = '2022-SZPY/8.4' and kind = 'NEW_TASK'");
    assertThat((String) failed.get("last_error")).isNotBlank();
    String retry = "/api/notifications/" + failed.get("id") + "/retry";

    assertThat(http.withBasicAuth("sup-orgdept", "demo").postForEntity(retry, null, String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.withBasicAuth("admin", "demo").postForEntity(retry, null, String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);

    await().atMost(Duration.ofSeconds(20)).until(() -> subjectsTo("sec-education@example.org").stream().anyMatch(s -> s.contains("重发测试问题")));
    await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(jdbc.queryForObject(
        "select status from notification where problem_id = '2022-SZPY/8.4' and kind = 'NEW_TASK'", String.class)));
  }
  private List<String> subjectsTo(String address) {
    return messagesTo(address).stream().map(ReceivedMail::subject).toList();
  }

  private List<MimeMessage> messagesTo(String address) {
    return Arrays.stream(smtp.getReceivedMessages()).filter(m -> to(m).equals(address)).toList();
  }
}
