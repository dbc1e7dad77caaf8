package cn.zhenggai.rectification.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.zhenggai.rectification.FreePort;
import cn.zhenggai.rectification.notification.FakeAliyunSms;
import cn.zhenggai.rectification.notification.FakeDingTalk;
import cn.zhenggai.rectification.notification.FakeRobotServer;
import cn.zhenggai.rectification.notification.FakeWeCom;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two application nodes, each the packaged jar in its own JVM, on one PostgreSQL server and one mail server, set up
 * for the group robots and SMS exactly as the README's section 群机器人和短信 tells a county: the environment variables
 * of its code blocks (城关's DingTalk robot, 东城's WeCom robot, Aliyun SMS) with the county's own tokens and keys, the
 * private-deployment addresses it names pointing at fake servers that check tokens, keys, signatures and timestamps as
 * the real ones do; the leader set to SMS by an administrator and the secretaries' mobiles set by themselves, through
 * the calls the README gives. Deadlines in seconds: a draft plan is due 30 s after its case opens, reminded at 10 s and
 * 20 s, yellow at 30 s, red at 40 s. The test only publishes a round; both nodes sweep and send on their own schedules.
 */
@Tag("cluster")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterChannelsIT {

  // the county's own values the README leaves to it (<…>); what a real robot or AccessKey looks like
  static final String DINGTALK_TOKEN = "6a0f3c1e9b2d4f8a7c5e0b1d3f2a4c6e8b0d2f4a6c8e0b2d4f6a8c0e2b4d6f8a";
  static final String DINGTALK_SECRET = "SEC5b8e2f0a4c6d8e0f2a4b6c8d0e2f4a6b8c0d2e4f6a8b0c2d4e6f8a0b2c4d6e8f";
  static final String WECOM_KEY = "693a91f6-7d3e-4b2c-9a1f-0e5c2d8b4a71";
  static final String SMS_KEY_ID = "LTAI5tQk8wZ2mRv9nXc3pJhD";
  static final String SMS_KEY_SECRET = "Zk3vN8qR2wX6yB1cF4hJ7mP0sT5uV9";
  static final String SMS_SIGN_NAME = "某某县整改台账";
  static final String SMS_TEMPLATE_CODE = "SMS_490012345";
  static final String CHENGGUAN_MOBILE = "13800000002";
  static final String DONGCHENG_MOBILE = "13800000003";
  static final int PROBLEMS = 2;

  // 城关's group also checks a custom keyword (自定义关键词): one every robot message carries
  @RegisterExtension static final FakeDingTalk dingTalk =
      new FakeDingTalk().robot(DINGTALK_TOKEN, DINGTALK_SECRET, "办理");
  @RegisterExtension static final FakeWeCom weCom = new FakeWeCom().robot(WECOM_KEY);
  @RegisterExtension static final FakeAliyunSms aliyun =
      new FakeAliyunSms(SMS_KEY_ID, SMS_KEY_SECRET, SMS_SIGN_NAME, SMS_TEMPLATE_CODE);

  final ObjectMapper json = new ObjectMapper();
  /** What the test started, the last first: to stop in that order. */
  final Deque<AutoCloseable> started = new ArrayDeque<>();
  ReadmeChannelSetup readme;
  GreenMail smtp;
  JdbcTemplate jdbc;
  AppNode nodeA;
  AppNode nodeB;
  String chengguan;
  String dongcheng;

  @BeforeAll
  void startTwoNodesSetUpAsTheReadmeSays() throws Exception {
    readme = ReadmeChannelSetup.read();
    aliyun.template(readme.smsTemplate());
    Map<String, String> environment = new LinkedHashMap<>(readme.environment(Map.of(
        "RECTIFICATION_ROBOTS_0_TOKEN", DINGTALK_TOKEN,
        "RECTIFICATION_ROBOTS_0_SECRET", DINGTALK_SECRET,
        "RECTIFICATION_ROBOTS_1_KEY", WECOM_KEY,
        "RECTIFICATION_SMS_ACCESS_KEY_ID", SMS_KEY_ID,
        "RECTIFICATION_SMS_ACCESS_KEY_SECRET", SMS_KEY_SECRET,
        "RECTIFICATION_SMS_SIGN_NAME", SMS_SIGN_NAME,
        "RECTIFICATION_SMS_TEMPLATE_CODE", SMS_TEMPLATE_CODE)));
    assertThat(environment).as("the README's robots: 0 DingTalk, 1 WeCom")
        .containsEntry("RECTIFICATION_ROBOTS_0_KIND", "DINGTALK").containsEntry("RECTIFICATION_ROBOTS_1_KIND", "WECOM");
    chengguan = environment.get("RECTIFICATION_ROBOTS_0_UNIT");
    dongcheng = environment.get("RECTIFICATION_ROBOTS_1_UNIT");
    environment.put(readme.named("RECTIFICATION_CHANNELS_DINGTALK_BASE_URL"), dingTalk.baseUrl());
    environment.put(readme.named("RECTIFICATION_CHANNELS_WECOM_BASE_URL"), weCom.baseUrl());
    environment.put(readme.named("RECTIFICATION_SMS_ENDPOINT"), aliyun.endpoint());

    ClusterPostgres postgres = new ClusterPostgres();
    started.push(postgres);
    jdbc = new JdbcTemplate(postgres.dataSource());
    smtp = new GreenMail(new ServerSetup(FreePort.next(), "localhost", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    started.push(smtp::stop);
    List<String> settings = List.of(
        "--spring.profiles.active=postgres,demo",
        "--spring.datasource.url=" + postgres.jdbcUrl(),
        "--spring.datasource.username=postgres",
        "--spring.datasource.password=",
        "--spring.mail.host=localhost",
        "--spring.mail.port=" + smtp.getSmtp().getPort(),
        "--rectification.seeds.problems=src/test/resources/seeds/one-problem.yaml",
        "--rectification.deadlines.draft-plan=PT30S",
        "--rectification.reminders.before-due=PT20S",
        "--rectification.escalation.red-after=PT10S",
        "--rectification.reminders.sweep-every=PT1S",
        "--rectification.mail.poll-interval=PT1S",
        "--camunda.bpm.job-execution.max-wait=1000");
    // each node looks for due messages at its own pace, neither a divisor of the robot's 3 s: whichever comes first
    // after the robot's turn comes sends, so both take turns (at equal intervals the first sender would keep winning)
    nodeA = new AppNode("channels-a", concat(settings, "--rectification.channels.poll-interval=PT1.3S"), environment);
    nodeB = new AppNode("channels-b", concat(settings, "--rectification.channels.poll-interval=PT0.9S"), environment);
    for (AppNode node : List.of(nodeA, nodeB)) {
      node.start();
      started.push(node::stop);
    }
    // two starts at once take 1 to 4 minutes on a build machine shared with other builds
    await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(1))
        .until(() -> nodeA.isReady() && nodeB.isReady());
  }

  @AfterAll
  void stopEverything() throws Exception {
    while (!started.isEmpty()) {
      started.pop().close();
    }
  }

  @Test
  void everyRobotMessageSmsAndMailArrivesOnceFromTwoNodesAndTheRobotsTurnsAreThreeSecondsApart() throws Exception {
    String leaderMobile = json.readTree(readme.smsChoice()).path("mobile").asText();
    HttpResponse<String> leader = nodeA.put(readme.othersChannelPath("leader"), "admin", readme.smsChoice());
    assertThat(leader.statusCode()).as(leader.body()).isEqualTo(200);
    assertThat(leader.body()).contains("\"channel\":\"SMS\"", "\"mobile\":\"" + leaderMobile + "\"");
    Map<String, String> secretaries = Map.of("sec-chengguan", CHENGGUAN_MOBILE, "sec-dongcheng", DONGCHENG_MOBILE);
    for (Map.Entry<String, String> secretary : secretaries.entrySet()) {
      String choice = "{\"channel\":\"EMAIL\",\"mobile\":\"" + secretary.getValue() + "\"}";
      assertThat(nodeB.put("/api/me/channel", secretary.getKey(), choice).statusCode()).as(secretary.getKey())
          .isEqualTo(200);
    }
    publishRoundOfBothUnits();

    // the register has no notice left to come for any task, and every notice recorded has gone out
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      assertThat(count("select count(*) from case_unit where next_notice is null"))
          .as("tasks past their red card: the seeded problem's two and the round's").isEqualTo(2 + PROBLEMS * 2L);
      assertThat(jdbc.queryForList("select channel, kind, recipient_id, status, attempts, last_error from notification"
          + " where status <> 'SENT'")).as("notices not sent").isEmpty();
    });

    dingTalkGotEachNoticeOnceInTurnsFromBothNodes();
    assertEachArrivedOnce("WECOM", contents(weCom.received(WECOM_KEY)));
    assertThat(weCom.refused(WECOM_KEY)).as("refused by WeCom").isEmpty();
    assertThat(mentioned(weCom.received(WECOM_KEY), "text", "mentioned_mobile_list")).contains(DONGCHENG_MOBILE);
    leaderGotTheRedCardsBySmsAndEverySmsCameOnce(leaderMobile);
    assertThat(receivedMail()).as("mails, each recorded one once").containsExactlyInAnyOrderElementsOf(jdbc.queryForList(
        "select recipient_email || ' ' || subject from notification where channel = 'EMAIL'", String.class));
    secretsAreNeitherLoggedNorStored();
  }

  private void dingTalkGotEachNoticeOnceInTurnsFromBothNodes() throws IOException {
    List<FakeRobotServer.Received> received = dingTalk.received(DINGTALK_TOKEN);
    assertEachArrivedOnce("DINGTALK", contents(received));
    assertThat(dingTalk.refused(DINGTALK_TOKEN)).as("refused by DingTalk (signature, timestamp, keyword, too fast)")
        .isEmpty();
    assertThat(count("select count(*) from notification where channel = 'DINGTALK' and problem_id like '2024-ZXDC/%'"
        + " and mentions = '" + CHENGGUAN_MOBILE + "'")).as("the round's notices mention the secretary")
        .isEqualTo(PROBLEMS * 5L);
    assertThat(mentioned(received, "at", "atMobiles")).contains(CHENGGUAN_MOBILE);

    List<Instant> turns = received.stream().map(FakeRobotServer.Received::stamped).sorted().toList();
    for (int i = 1; i < turns.size(); i++) {
      assertThat(Duration.between(turns.get(i - 1), turns.get(i))).as("the robot's turns %s", turns)
          .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    }
    long byA = sentBy(nodeA, chengguan);
    long byB = sentBy(nodeB, chengguan);
    assertThat(List.of(byA, byB)).as("robot messages sent by node A and node B")
        .allSatisfy(sent -> assertThat(sent).isPositive());
    assertThat(byA + byB).isEqualTo(received.size());
  }

  private void leaderGotTheRedCardsBySmsAndEverySmsCameOnce(String leaderMobile) throws IOException {
    List<FakeAliyunSms.Sent> recorded = new ArrayList<>();
    String query = "select address, text_body from notification where channel = 'SMS'";
    for (Map<String, Object> row : jdbc.queryForList(query)) {
      recorded.add(new FakeAliyunSms.Sent((String) row.get("address"), json.readTree((String) row.get("text_body"))));
    }
    assertThat(aliyun.sent()).as("SMS, each recorded one once").containsExactlyInAnyOrderElementsOf(recorded);
    assertThat(aliyun.sentTo(leaderMobile).stream().map(FakeAliyunSms.Sent::parameters)
        .filter(sms -> sms.path("kind").asText().equals("红牌督办") && sms.path("problem").asText().startsWith("2024-ZXDC/")))
        .as("the leader's red cards of the round").hasSize(PROBLEMS * 2);
    assertThat(count("select count(*) from notification where recipient_id = 'leader' and channel = 'EMAIL'"
        + " and problem_id like '2024-ZXDC/%'")).as("no mail to the leader who chose SMS").isZero();
  }

  private void secretsAreNeitherLoggedNorStored() throws IOException {
    List<String> secrets = List.of(DINGTALK_TOKEN, DINGTALK_SECRET, WECOM_KEY, SMS_KEY_SECRET);
    for (AppNode node : List.of(nodeA, nodeB)) {
      assertThat(String.join("\n", node.logLines())).as("%s's log", node.name).doesNotContain(secrets);
    }
    assertThat(jdbc.queryForList("select robot from robot_pace", String.class)).as("the robots' turns, by digest")
        .hasSize(2).allSatisfy(robot -> assertThat(robot).doesNotContain(secrets));
  }

  /** A round of problems for both units with a robot, published at once: their new tasks come together. */
  private void publishRoundOfBothUnits() throws IOException {
    assertThat(nodeA.post("/api/rounds", "sup-orgdept", "{\"name\":\"2024年专项督查\",\"kind\":\"专项督查\","
        + "\"heldOn\":\"2024-07-01\",\"defaultDeadline\":\"2027-12-31\"}").body()).contains("\"code\":\"2024-ZXDC\"");
    List<String> problems = new ArrayList<>();
    for (int i = 1; i <= PROBLEMS; i++) {
      problems.add("{\"number\":\"1." + i + "\",\"category\":\"组织生活\",\"title\":\"机器人测试问题 " + i + "\","
          + "\"source\":\"原文 " + i + "\",\"units\":[\"" + chengguan + "\",\"" + dongcheng + "\"],"
          + "\"supervisors\":[\"org-dept\"],\"deadline\":\"2027-12-31\"}");
    }
    assertThat(nodeB.put("/api/rounds/2024-ZXDC/problems", "sup-orgdept", "[" + String.join(",", problems) + "]").body())
        .as("nothing left to correct").isEqualTo("[]");
    assertThat(nodeA.post("/api/rounds/2024-ZXDC/publish", "sup-orgdept", "{}").statusCode()).isEqualTo(200);
  }

  /** The robot's messages are exactly its recorded notices, each once: the text as recorded, with DingTalk's @mobiles. */
  private void assertEachArrivedOnce(String channel, List<String> contents) {
    List<String> recorded = jdbc.queryForList("select text_body, mentions from notification where channel = ?", channel)
        .stream().map(row -> {
          String mentions = (String) row.get("mentions");
          boolean inText = channel.equals("DINGTALK") && mentions != null && !mentions.isBlank();
          return row.get("text_body") + (inText ? "\n@" + mentions.replace(",", " @") : "");
        }).toList();
    assertThat(recorded).as("%s notices recorded", channel).isNotEmpty().doesNotHaveDuplicates();
    assertThat(contents).as("%s messages, each recorded notice once", channel)
        .containsExactlyInAnyOrderElementsOf(recorded);
  }

  private static List<String> contents(List<FakeRobotServer.Received> messages) {
    return messages.stream().map(message -> message.message().path("text").path("content").asText()).toList();
  }

  /** The mobiles the messages mention in this list of their JSON. */
  private static List<String> mentioned(List<FakeRobotServer.Received> messages, String part, String field) {
    List<String> mobiles = new ArrayList<>();
    messages.forEach(message -> message.message().path(part).path(field)
        .forEach(mobile -> mobiles.add(mobile.asText())));
    return mobiles;
  }

  /** Robot messages to the unit this node logged as sent. */
  private static long sentBy(AppNode node, String unit) throws IOException {
    return node.logLines().stream().filter(line -> line.contains("到单位 " + unit + " 的钉钉群机器人：")).count();
  }

  private long count(String sql) {
    return jdbc.queryForObject(sql, Long.class);
  }

  /** Each mail received, as recipient and subject. */
  private List<String> receivedMail() throws MessagingException {
    List<String> mails = new ArrayList<>();
    for (Message message : smtp.getReceivedMessages()) {
      mails.add(((InternetAddress) message.getAllRecipients()[0]).getAddress() + " " + message.getSubject());
    }
    return mails;
  }

  private static List<String> concat(List<String> settings, String setting) {
    return Stream.concat(settings.stream(), Stream.of(setting)).toList();
  }
}
