package cn.zhenggai.rectification.notification;

import static cn.zhenggai.rectification.notification.ReceivedMail.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.PageSession;
import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.TestMailServer;
import cn.zhenggai.rectification.casework.CaseStarter;
import cn.zhenggai.rectification.problem.Problem;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A person's own channel on PostgreSQL with a fake Aliyun SMS and a real SMTP server (GreenMail): the leader, set to
 * SMS by an administrator, gets the red card by SMS and not by email while the unit's secretary gets it by email; a
 * secretary who chose "only the robot" gets nothing of their own. Deadlines in seconds: the draft plan is due after
 * 30 s, red 10 s later.
 */
class SmsNoticesIT extends PostgresApplicationTest {

  @RegisterExtension static final TestMailServer smtp = new TestMailServer();
  @RegisterExtension static final FakeAliyunSms aliyun =
      new FakeAliyunSms("LTAItestkey", "aliyun-test-secret-0123456789", "整改台账", "SMS_490000001");

  @DynamicPropertySource
  static void smsAndSecondScaleDeadlines(DynamicPropertyRegistry registry) {
    smtp.configure(registry);
    SecondScaleDeadlines.register(registry);
    registry.add("rectification.channels.poll-interval", () -> "PT1S");
    registry.add("rectification.sms.endpoint", aliyun::endpoint);
    registry.add("rectification.sms.access-key-id", () -> "LTAItestkey");
    registry.add("rectification.sms.access-key-secret", () -> "aliyun-test-secret-0123456789");
    registry.add("rectification.sms.sign-name", () -> "整改台账");
    registry.add("rectification.sms.template-code", () -> "SMS_490000001");
    registry.add("rectification.digest.time", () -> "23:59:59"); // the test sends the digest itself
  }

  @Autowired JdbcTemplate jdbc;
  @Autowired CaseStarter starter;
  @Autowired IdentityService identity;
  @Autowired TestRestTemplate http;
  @Autowired DailyDigest digest;
  @LocalServerPort int port;

  @Test
  void theLeaderSetToSmsByAnAdministratorGetsTheRedCardBySmsOnceAndTheSecretaryByEmail() {
    assertThat(put("sup-orgdept", "/api/users/leader/channel", Map.of("channel", "SMS", "mobile", "13700000001"))
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<String> set = put("admin", "/api/users/leader/channel", Map.of("channel", "SMS", "mobile", "137 0000 0001"));
    assertThat(set.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(set.getBody()).contains("\"channel\":\"SMS\"", "\"mobile\":\"13700000001\"");

    ResponseEntity<String> badMobile = put("leader", "/api/me/channel", Map.of("channel", "SMS", "mobile", "12345"));
    assertThat(badMobile.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(badMobile.getBody()).contains("mobile（手机号码）");
    assertThat(put("leader", "/api/me/channel", Map.of("channel", "SMS", "mobile", "13700000002", "digest", "true")).getBody())
        .contains("digest");
    assertThat(put("leader", "/api/me/channel", Map.of("channel", "PIGEON")).getBody()).contains("channel（通知方式）");
    assertThat(identity.getUserInfo("leader", Notifications.MOBILE)).as("nothing changed by a refusal").isEqualTo("13700000001");

    starter.startIfNew(DemoRound.opening(new Problem("8.6", "测试类别", "短信红牌测试问题", "原文", List.of(), List.of("organs"),
        List.of("org-dept"), LocalDate.of(2027, 6, 30))));

    await().atMost(Duration.ofSeconds(90)).until(() -> redCardSms().size() == 1);
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> redCardSms().size() == 1);
    Map<String, String> sms = Map.of(
        "kind", redCardSms().get(0).parameters().path("kind").asText(),
        "unit", redCardSms().get(0).parameters().path("unit").asText(),
        "when", redCardSms().get(0).parameters().path("when").asText());
    assertThat(sms).containsEntry("kind", "红牌督办").containsEntry("unit", "县直机关工委").containsEntry("when", "已逾期 1 天");
    assertThat(redCardSms().get(0).parameters().path("link").asText()).contains("/camunda/app/tasklist/default/#/?task=");

    await().atMost(Duration.ofSeconds(20)).until(() -> subjectsTo("sec-organs@example.org").stream()
        .anyMatch(s -> s.startsWith("【红牌督办】") && s.contains("短信红牌测试问题")));
    assertThat(subjectsTo("leader@example.org")).noneMatch(s -> s.contains("短信红牌测试问题"));
    assertThat(jdbc.queryForList("select channel || ' ' || status from notification where problem_id = '2022-SZPY/8.6'"
        + " and recipient_id = 'leader'", String.class)).containsExactly("SMS SENT");
  }

  @Test
  void aSecretaryWhoChoseOnlyTheRobotGetsNoMailOfTheirOwnAndTheRecordSaysWhy() {
    assertThat(put("sec-education", "/api/me/channel", Map.of("channel", "NONE", "mobile", "")).getStatusCode())
        .isEqualTo(HttpStatus.OK);

    starter.startIfNew(DemoRound.opening(new Problem("8.7", "测试类别", "只看机器人测试问题", "原文", List.of(), List.of("education"),
        List.of("org-dept"), LocalDate.of(2027, 6, 30))));

    assertThat(jdbc.queryForMap("select channel, status, last_error from notification where problem_id = '2022-SZPY/8.7'"
        + " and kind = 'NEW_TASK' and recipient_id = 'sec-education'"))
        .containsEntry("channel", "EMAIL").containsEntry("status", "NOT_SENT").containsEntry("last_error", "本人选择只看单位群机器人");
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
        .until(() -> subjectsTo("sec-education@example.org").stream().noneMatch(s -> s.contains("只看机器人测试问题")));
  }

  @Test
  void aSecretarySetsTheirOwnChannelAndMobileOnTheirPage() {
    PageSession page = PageSession.signIn(port, "sec-xicheng");
    assertThat(page.get("/me/notices").body()).contains("我的通知方式", "邮件", "短信", "只看单位群机器人");

    HttpResponse<String> refused = page.post("/me/notices", List.of(Map.entry("channel", "SMS"), Map.entry("mobile", "")));
    assertThat(refused.body()).contains("mobile（手机号码）：选择短信通知须填写手机号码");
    assertThat(identity.getUserInfo("sec-xicheng", Notifications.CHANNEL_PREFERENCE)).as("nothing stored").isNull();

    HttpResponse<String> saved = page.post("/me/notices",
        List.of(Map.entry("channel", "SMS"), Map.entry("mobile", "13600000003")));
    assertThat(saved.body()).as("back on the page after saving").contains("已保存", "value=\"13600000003\"");
    assertThat(identity.getUserInfo("sec-xicheng", Notifications.CHANNEL_PREFERENCE)).isEqualTo("SMS");
  }

  /**
   * The daily digest is an email. 东城's secretary chose it, then SMS: their notices come by SMS, no digest comes, and
   * what was held for the digest before the change is closed, not left waiting. 城关's secretary chose it and email:
   * their notices wait for the digest, which comes.
   */
  @Test
  void whoChoseTheDigestAndSmsGetsSmsAndNoDigestWhileWhoChoseItWithEmailGetsTheDigest() {
    identity.setUserInfo("sec-dongcheng", Notifications.DIGEST_PREFERENCE, "true");
    identity.setUserInfo("sec-chengguan", Notifications.DIGEST_PREFERENCE, "true");
    starter.startIfNew(DemoRound.opening(new Problem("8.8", "测试类别", "汇总改短信前的问题", "原文", List.of(),
        List.of("street-dongcheng"), List.of("org-dept"), LocalDate.of(2027, 6, 30))));
    assertThat(newTaskTo("8.8", "sec-dongcheng")).containsEntry("status", "IN_DIGEST");
    assertThat(put("sec-dongcheng", "/api/me/channel", Map.of("channel", "SMS", "mobile", "13600000004")).getStatusCode())
        .isEqualTo(HttpStatus.OK);

    starter.startIfNew(DemoRound.opening(new Problem("8.9", "测试类别", "汇总与短信测试问题", "原文", List.of(),
        List.of("street-dongcheng", "street-chengguan"), List.of("org-dept"), LocalDate.of(2027, 6, 30))));
    assertThat(newTaskTo("8.9", "sec-dongcheng")).containsEntry("channel", "SMS");
    assertThat(newTaskTo("8.9", "sec-chengguan")).containsEntry("channel", "EMAIL").containsEntry("status", "IN_DIGEST");
    await().atMost(Duration.ofSeconds(30)).until(() -> aliyun.sentTo("13600000004").stream().anyMatch(sms ->
        sms.parameters().path("kind").asText().equals("新任务") && sms.parameters().path("problem").asText().contains("8.9")));

    assertThat(digest.send(LocalDate.now())).as("城关's digest only").isOne();

    await().atMost(Duration.ofSeconds(20)).until(() -> subjectsTo("sec-chengguan@example.org").stream()
        .anyMatch(s -> s.startsWith("【待办汇总】")));
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
        .until(() -> subjectsTo("sec-dongcheng@example.org").stream().noneMatch(s -> s.startsWith("【待办汇总】")));
    assertThat(subjectsTo("sec-dongcheng@example.org")).noneMatch(s -> s.contains("汇总与短信测试问题"));
    assertThat(newTaskTo("8.9", "sec-chengguan")).containsEntry("status", "DIGESTED");
    assertThat(newTaskTo("8.8", "sec-dongcheng")).containsEntry("status", "NOT_SENT")
        .containsEntry("last_error", "本人已改为短信通知，不收每日汇总邮件");
    assertThat(jdbc.queryForObject("select count(*) from notification where recipient_id = 'sec-dongcheng'"
        + " and status = 'IN_DIGEST'", Integer.class)).as("nothing left waiting for a digest").isZero();
  }

  private Map<String, Object> newTaskTo(String number, String user) {
    return jdbc.queryForMap("select channel, status, last_error from notification where problem_id = ?"
        + " and kind = 'NEW_TASK' and recipient_id = ?", DemoRound.key(number), user);
  }

  private List<FakeAliyunSms.Sent> redCardSms() {
    return aliyun.sentTo("13700000001").stream()
        .filter(s -> s.parameters().path("kind").asText().equals("红牌督办") && s.parameters().path("problem").asText().contains("8.6"))
        .toList();
  }

  private ResponseEntity<String> put(String user, String path, Map<String, String> body) {
    return http.withBasicAuth(user, "demo").exchange(path, HttpMethod.PUT, new HttpEntity<>(body), String.class);
  }

  private List<String> subjectsTo(String address) {
    return Arrays.stream(smtp.getReceivedMessages()).filter(m -> to(m).equals(address)).map(ReceivedMail::subject).toList();
  }
}
