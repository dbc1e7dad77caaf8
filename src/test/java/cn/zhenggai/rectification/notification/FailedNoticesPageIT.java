package cn.zhenggai.rectification.notification;

import static cn.zhenggai.rectification.notification.RobotNoticesIT.messages;
import static cn.zhenggai.rectification.notification.RobotNoticesIT.robot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.PageSession;
import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.casework.CaseStarter;
import cn.zhenggai.rectification.problem.Problem;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The administrators' page of notices ({@code /operations/notices}) on PostgreSQL, with fake robots and a fake Aliyun
 * SMS: 东城's WeCom robot answers with an error that names its key while the test wants it to, 城关's DingTalk robot and
 * the SMS account are configured with the wrong secret, so their notices always fail. Two attempts each.
 */
class FailedNoticesPageIT extends PostgresApplicationTest {

  static final String WECOM_KEY = "key-dongcheng-pages-0123456789";
  static final String DINGTALK_TOKEN = "token-chengguan-pages-0123456789";
  static final String DINGTALK_WRONG_SECRET = "SECwrongpages0123456789abcdef";
  static final String SMS_WRONG_SECRET = "aliyun-wrong-secret-0123456789";

  @RegisterExtension static final FakeWeCom weCom = new FakeWeCom().robot(WECOM_KEY);
  @RegisterExtension static final FakeDingTalk dingTalk =
      new FakeDingTalk().robot(DINGTALK_TOKEN, "SECrightpages0123456789abcdef");
  @RegisterExtension static final FakeAliyunSms aliyun =
      new FakeAliyunSms("LTAIpageskey", "aliyun-right-secret-0123456789", "整改台账", "SMS_490000002");

  @DynamicPropertySource
  static void failingChannels(DynamicPropertyRegistry registry) {
    registry.add("rectification.seeds.problems", () -> "src/test/resources/seeds/one-problem.yaml");
    registry.add("rectification.channels.poll-interval", () -> "PT1S");
    registry.add("rectification.channels.retry-backoff", () -> "PT1S");
    registry.add("rectification.channels.max-attempts", () -> "2");
    registry.add("rectification.channels.wecom-base-url", weCom::baseUrl);
    registry.add("rectification.channels.dingtalk-base-url", dingTalk::baseUrl);
    robot(registry, 0, "street-dongcheng", "WECOM", "key", WECOM_KEY, null);
    robot(registry, 1, "street-chengguan", "DINGTALK", "token", DINGTALK_TOKEN, DINGTALK_WRONG_SECRET);
    registry.add("rectification.sms.endpoint", aliyun::endpoint);
    registry.add("rectification.sms.access-key-id", () -> "LTAIpageskey");
    registry.add("rectification.sms.access-key-secret", () -> SMS_WRONG_SECRET);
    registry.add("rectification.sms.sign-name", () -> "整改台账");
    registry.add("rectification.sms.template-code", () -> "SMS_490000002");
  }

  @Autowired JdbcTemplate jdbc;
  @Autowired CaseStarter starter;
  @Autowired IdentityService identity;
  @LocalServerPort int port;

  @Test
  void aFailedRobotNoticeIsShownWithoutItsKeyAndItsResendReachesTheRobotOnce() {
    long id = failedOnWeCom("7.1", "页面重发测试问题");
    PageSession administrator = PageSession.signIn(port, "admin");

    String page = administrator.get("/operations/notices").body();
    String row = row(page, id);
    assertThat(row).contains("新任务", "企业微信群机器人", "东城街道党工委", "href=\"/supervision/cases/2022-SZPY/7.1\"",
        "<td class=\"count\">2</td>", "93000", "重新发送");
    assertThat(page).as("the key the robot's answer named is masked").contains("invalid webhook url, key=***")
        .doesNotContain(WECOM_KEY);
    assertThat(page).contains("href=\"/operations/notices\"", "通知发送情况");

    HttpResponse<String> resent = administrator.post("/operations/notices/" + id + "/retry", List.of());
    assertThat(resent.uri().getPath()).isEqualTo("/operations/notices");
    assertThat(resent.body()).contains("已重新排队").doesNotContain("id=\"notice-" + id + "\"");
    assertThat(jdbc.queryForList("select target from audit_event where action = 'NOTICE_RESENT' and actor_id = 'admin'",
        String.class)).as("the audit trail has the resend").contains("通知 " + id);
    await().atMost(Duration.ofSeconds(30)).until(() -> messages(weCom, WECOM_KEY, "页面重发测试问题").size() == 1);
    await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(status(id)));
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
        .until(() -> messages(weCom, WECOM_KEY, "页面重发测试问题").size() == 1);

    assertThat(administrator.post("/operations/notices/" + id + "/retry", List.of()).body())
        .contains("该通知已不是发送失败状态").doesNotContain("已重新排队");
    assertThat(administrator.get("/operations/notices?status=SENT").body()).contains("id=\"notice-" + id + "\"");
  }

  @Test
  void theFailedNoticesOfOneChannelAreAllSentAgainWithACountAndTheOthersStayFailed() {
    long first = failedOnWeCom("7.2", "全部重发测试问题甲");
    long second = failedOnWeCom("7.3", "全部重发测试问题乙");
    await().atMost(Duration.ofSeconds(30)).until(() -> failed("DINGTALK") > 0); // 城关's new task of 1.1
    int failedOnWeCom = failed("WECOM");
    int failedOnDingTalk = failed("DINGTALK");
    PageSession administrator = PageSession.signIn(port, "admin");
    assertThat(administrator.get("/operations/notices").body())
        .contains("全部重新发送（企业微信群机器人 " + failedOnWeCom + " 条）", "全部重新发送（钉钉群机器人 " + failedOnDingTalk + " 条）");

    HttpResponse<String> resent = administrator.post("/operations/notices/retry-all", List.of(Map.entry("channel", "WECOM")));

    assertThat(resent.body()).contains("已重新排队企业微信群机器人的 " + failedOnWeCom + " 条发送失败的通知");
    assertThat(jdbc.queryForList("select detail from audit_event where action = 'NOTICE_RESENT'"
        + " and target = '全部企业微信群机器人发送失败的通知'", String.class)).containsExactly(failedOnWeCom + " 条");
    await().atMost(Duration.ofSeconds(30)).until(() -> messages(weCom, WECOM_KEY, "全部重发测试问题甲").size() == 1
        && messages(weCom, WECOM_KEY, "全部重发测试问题乙").size() == 1);
    await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(status(first)) && "SENT".equals(status(second)));
    assertThat(failed("DINGTALK")).as("another channel's stay failed").isEqualTo(failedOnDingTalk);
  }

  /** Refused for the wrong secret: the error says so, and neither the secret nor the token appears anywhere on the page. */
  @Test
  void failedDingTalkAndSmsNoticesShowTheRefusalAndNeverTheSecrets() {
    identity.setUserInfo("sec-education", Notifications.CHANNEL_PREFERENCE, "SMS");
    identity.setUserInfo("sec-education", Notifications.MOBILE, "13600000009");
    starter.startIfNew(DemoRound.opening(new Problem("7.4", "测试类别", "短信失败测试问题", "原文", List.of(), List.of("education"),
        List.of("org-dept"), LocalDate.of(2027, 6, 30))));
    await().atMost(Duration.ofSeconds(30)).until(() -> failed("DINGTALK") > 0 && failed("SMS") > 0);

    String page = PageSession.signIn(port, "admin").get("/operations/notices").body();

    assertThat(page).contains("钉钉群机器人", "城关街道党工委", "310000", "sign not match", "短信", "周丽华", "SignatureDoesNotMatch")
        .doesNotContain(DINGTALK_WRONG_SECRET, DINGTALK_TOKEN, SMS_WRONG_SECRET, "LTAIpageskey");
  }

  /** 50 a page, newest first; a chosen status lists only its notices. */
  @Test
  void aStatusIsListedFiftyAPageNewestFirst() {
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 1; i <= 55; i++) {
      jdbc.update("insert into notification (dedup_key, kind, recipient_id, recipient_email, subject, html_body, text_body,"
          + " status, created_at, next_attempt_at) values (?, 'DIGEST', 'sec-organs', 'sec-organs@example.org', ?, '', '',"
          + " 'DIGESTED', ?, ?)", "PAGING:" + i, "分页测试汇总" + i, Timestamp.from(start.plusSeconds(i)),
          Timestamp.from(start.plusSeconds(i)));
    }
    PageSession administrator = PageSession.signIn(port, "admin");

    String first = administrator.get("/operations/notices?status=DIGESTED").body();
    String second = administrator.get("/operations/notices?status=DIGESTED&page=2").body();

    assertThat(first).contains("已并入每日汇总 共 55 条", "第 1 页，共 2 页", "下一页", "陈志刚").doesNotContain("上一页");
    assertThat(Pattern.compile("id=\"notice-\\d+\"").matcher(first).results().count()).isEqualTo(50);
    assertThat(Pattern.compile("id=\"notice-\\d+\"").matcher(second).results().count()).isEqualTo(5);
    assertThat(second).contains("第 2 页，共 2 页", "上一页", "2026-01-01 08:00:01").doesNotContain("下一页");
    assertThat(first).contains("2026-01-01 08:00:55").doesNotContain("2026-01-01 08:00:05")
        .doesNotContain("重新发送</button>");
    assertThat(administrator.get("/operations/notices?page=9999").body()).contains("这一页没有通知", "第 9999 页");
  }

  /** A notice to 东城's robot that failed for good: the robot answered every attempt with an error naming its key. */
  private long failedOnWeCom(String number, String title) {
    weCom.answerEveryRequestWith(93000, "invalid webhook url, key=" + WECOM_KEY);
    try {
      starter.startIfNew(DemoRound.opening(new Problem(number, "测试类别", title, "原文", List.of(),
          List.of("street-dongcheng"), List.of("org-dept"), LocalDate.of(2027, 6, 30))));
      long id = jdbc.queryForObject("select id from notification where problem_id = ? and channel = 'WECOM'", Long.class,
          DemoRound.key(number));
      await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(status(id)));
      return id;
    } finally {
      weCom.recover();
    }
  }

  private String status(long id) {
    return jdbc.queryForObject("select status from notification where id = ?", String.class, id);
  }

  private int failed(String channel) {
    return jdbc.queryForObject("select count(*) from notification where status = 'FAILED' and channel = ?", Integer.class,
        channel);
  }

  /** The table row of this notice on the page. */
  private static String row(String page, long id) {
    Matcher row = Pattern.compile("<tr id=\"notice-" + id + "\">.*?</tr>", Pattern.DOTALL).matcher(page);
    assertThat(row.find()).as("row of notice " + id).isTrue();
    return row.group();
  }
}
