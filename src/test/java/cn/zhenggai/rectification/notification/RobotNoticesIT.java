package cn.zhenggai.rectification.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.casework.CaseStarter;
import cn.zhenggai.rectification.problem.Problem;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Units' notices through their group robots, from the application on PostgreSQL to fake WeCom and DingTalk servers
 * that check keys, tokens, timestamps and signatures as the real ones do: 城关 has a DingTalk robot, 东城 a WeCom robot,
 * 西城 a DingTalk robot for the pace test, 教育工委 a DingTalk robot configured with the wrong secret.
 */
class RobotNoticesIT extends PostgresApplicationTest {

  static final String CHENGGUAN_SECRET = "SECchengguan0123456789abcdef";
  static final String XICHENG_SECRET = "SECxicheng0123456789abcdef";
  static final String EDUCATION_WRONG_SECRET = "SECwrong0123456789abcdef";

  @RegisterExtension static final FakeDingTalk dingTalk = new FakeDingTalk()
      .robot("token-chengguan", CHENGGUAN_SECRET).robot("token-xicheng", XICHENG_SECRET)
      .robot("token-education", "SECright0123456789abcdef");
  @RegisterExtension static final FakeWeCom weCom = new FakeWeCom().robot("key-dongcheng");

  @DynamicPropertySource
  static void robots(DynamicPropertyRegistry registry) {
    registry.add("rectification.seeds.problems", () -> "src/test/resources/seeds/one-problem.yaml");
    registry.add("rectification.channels.poll-interval", () -> "PT1S");
    registry.add("rectification.channels.retry-backoff", () -> "PT1S");
    registry.add("rectification.channels.max-attempts", () -> "3");
    registry.add("rectification.channels.dingtalk-base-url", dingTalk::baseUrl);
    registry.add("rectification.channels.wecom-base-url", weCom::baseUrl);
    robot(registry, 0, "street-chengguan", "DINGTALK", "token", "token-chengguan", CHENGGUAN_SECRET);
    robot(registry, 1, "street-dongcheng", "WECOM", "key", "key-dongcheng", null);
    robot(registry, 2, "street-xicheng", "DINGTALK", "token", "token-xicheng", XICHENG_SECRET);
    robot(registry, 3, "education", "DINGTALK", "token", "token-education", EDUCATION_WRONG_SECRET);
  }

  static void robot(DynamicPropertyRegistry registry, int i, String unit, String kind, String name, String value,
      String secret) {
    String entry = "rectification.robots[" + i + "].";
    registry.add(entry + "unit", () -> unit);
    registry.add(entry + "kind", () -> kind);
    registry.add(entry + name, () -> value);
    if (secret != null) {
      registry.add(entry + "secret", () -> secret);
    }
  }

  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  @Autowired CaseStarter starter;
  @Autowired ChannelDelivery delivery;
  @Autowired TestRestTemplate http;

  @Test
  void aUnitsNewTaskReachesItsDingTalkRobotOnceMentioningItsSecretaryByMobile() {
    engine.getIdentityService().setUserInfo("sec-chengguan", Notifications.MOBILE, "13800000001");
    Task draft = open("9.1", "钉钉测试问题", "street-chengguan");

    await().atMost(Duration.ofSeconds(30)).until(() -> messages(dingTalk, "token-chengguan", "钉钉测试问题").size() == 1);
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
        .until(() -> messages(dingTalk, "token-chengguan", "钉钉测试问题").size() == 1);

    FakeRobotServer.Received message = messages(dingTalk, "token-chengguan", "钉钉测试问题").get(0);
    assertThat(content(message)).startsWith("【新任务】城关街道党工委 · 制定整改方案 · ")
        .contains("问题 2022-SZPY/9.1 钉钉测试问题", "截止日期：",
            "办理：http://localhost:8080/camunda/app/tasklist/default/#/?task=" + draft.getId())
        .endsWith("@13800000001");
    assertThat(message.message().path("at").path("atMobiles").get(0).asText()).isEqualTo("13800000001");
    assertThat(jdbc.queryForList("select channel || ' ' || status from notification where problem_id = '2022-SZPY/9.1'"
        + " and recipient_id = 'street-chengguan'", String.class)).containsExactly("DINGTALK SENT");
    assertThat(jdbc.queryForObject("select count(*) from notification where problem_id = '2022-SZPY/9.1'"
        + " and channel = 'EMAIL' and recipient_id = 'sec-chengguan'", Integer.class)).as("the email is recorded as well").isOne();
  }

  @Test
  void aUnitsNewTaskReachesItsWeComRobotOnceWithTheMentionedMobile() {
    engine.getIdentityService().setUserInfo("sec-dongcheng", Notifications.MOBILE, "13900000002");
    open("9.2", "企业微信测试问题", "street-dongcheng");

    await().atMost(Duration.ofSeconds(30)).until(() -> messages(weCom, "key-dongcheng", "企业微信测试问题").size() == 1);
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
        .until(() -> messages(weCom, "key-dongcheng", "企业微信测试问题").size() == 1);

    FakeRobotServer.Received message = messages(weCom, "key-dongcheng", "企业微信测试问题").get(0);
    assertThat(content(message)).startsWith("【新任务】东城街道党工委").doesNotContain("@13900000002");
    assertThat(message.message().path("text").path("mentioned_mobile_list").get(0).asText()).isEqualTo("13900000002");
  }

  @Test
  void refusedAnswersAreRetriedThenFailedAfterTheLastAttemptAndAnAdministratorSendsItAgainOnce() {
    weCom.answerEveryRequestWith(45009, "api freq out of limit");
    try {
      open("9.3", "重发机器人测试问题", "street-dongcheng");
      await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(robotRow("9.3").get("status")));
    } finally {
      weCom.recover();
    }
    Map<String, Object> failed = robotRow("9.3");
    assertThat(((Number) failed.get("attempts")).intValue()).isEqualTo(3);
    assertThat((String) failed.get("last_error")).contains("45009", "api freq out of limit").doesNotContain("key-dongcheng");
    assertThat(messages(weCom, "key-dongcheng", "重发机器人测试问题")).isEmpty();

    String retry = "/api/notifications/" + failed.get("id") + "/retry";
    assertThat(http.withBasicAuth("sup-orgdept", "demo").postForEntity(retry, null, String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.withBasicAuth("admin", "demo").postForEntity(retry, null, String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);

    await().atMost(Duration.ofSeconds(30)).until(() -> messages(weCom, "key-dongcheng", "重发机器人测试问题").size() == 1);
    await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(robotRow("9.3").get("status")));
  }

  @Test
  void aWrongSecretIsRefusedByDingTalkAndTheNoticeEndsFailedWithoutTheSecretInItsError() {
    open("9.4", "密钥错误测试问题", "education");

    await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(robotRow("9.4").get("status")));
    assertThat((String) robotRow("9.4").get("last_error")).contains("310000", "sign not match")
        .doesNotContain(EDUCATION_WRONG_SECRET).doesNotContain("token-education");
    assertThat(dingTalk.refused("token-education")).hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(refusal -> assertThat(refusal.errcode()).isEqualTo(310000));
    assertThat(dingTalk.received("token-education")).isEmpty();
  }

  /**
   * 25 new tasks of one unit within a minute: all 25 reach its robot, once each, with two nodes sending at the same
   * time, and never more than 20 in any minute (the fake would refuse the 21st). The engine clock stands still and is
   * moved a second at a time; each second both "nodes" look for due messages at once.
   */
  @Test
  void twentyFiveNoticesForOneRobotAllArriveOnceAndNeverFasterThanTwentyAMinute() throws Exception {
    Instant start = Instant.now().plusSeconds(5);
    ClockUtil.setCurrentTime(Date.from(start));
    try {
      for (int i = 1; i <= 25; i++) {
        open("95." + i, "限速测试问题" + i + "号", "street-xicheng");
      }
      Instant now = start;
      for (int second = 0; second < 200 && messages(dingTalk, "token-xicheng", "限速测试问题").size() < 25; second++) {
        now = now.plusSeconds(1);
        ClockUtil.setCurrentTime(Date.from(now));
        Date at = Date.from(now);
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> delivery.deliverDue(at));
        delivery.deliverDue(at);
        other.get();
      }
    } finally {
      ClockUtil.reset();
    }

    List<FakeRobotServer.Received> arrived = messages(dingTalk, "token-xicheng", "限速测试问题");
    assertThat(arrived).hasSize(25);
    assertThat(arrived.stream().map(RobotNoticesIT::content).map(c -> c.substring(c.indexOf("限速测试问题"), c.indexOf("号") + 1)))
        .as("each of the 25 once").doesNotHaveDuplicates();
    assertThat(dingTalk.refused("token-xicheng")).as("never too fast").isEmpty();
    List<Instant> times = dingTalk.received("token-xicheng").stream().map(FakeRobotServer.Received::at).sorted().toList();
    for (int i = 0; i + 20 < times.size(); i++) {
      assertThat(Duration.between(times.get(i), times.get(i + 20))).as("21 messages span a minute at least")
          .isGreaterThanOrEqualTo(Duration.ofMinutes(1));
    }
    assertThat(Duration.between(times.get(0), times.get(times.size() - 1))).as("and the queue moves at the limit")
        .isLessThanOrEqualTo(Duration.ofSeconds(80));
    assertThat(jdbc.queryForObject("select count(*) from notification where channel = 'DINGTALK' and status = 'SENT'"
        + " and recipient_id = 'street-xicheng' and problem_id like '2022-SZPY/95.%'", Integer.class)).isEqualTo(25);
  }

  private Task open(String number, String title, String unit) {
    starter.startIfNew(DemoRound.opening(new Problem(number, "测试类别", title, "原文", List.of(), List.of(unit),
        List.of("org-dept"), LocalDate.of(2027, 6, 30))));
    return engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(UnitRectificationProcess.businessKey(DemoRound.key(number), unit)).singleResult();
  }

  private Map<String, Object> robotRow(String number) {
    return jdbc.queryForMap("select id, status, attempts, last_error from notification where problem_id = ?"
        + " and channel <> 'EMAIL'", DemoRound.key(number));
  }

  static List<FakeRobotServer.Received> messages(FakeRobotServer server, String robot, String text) {
    return server.received(robot).stream().filter(m -> content(m).contains(text)).toList();
  }

  static String content(FakeRobotServer.Received message) {
    return message.message().path("text").path("content").asText();
  }
}
