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
 * of its code blocks (城关's DingTalk robot, 东城's WeCom robot, the organization department's DingTalk robot, the
 * leaders' WeCom robot, Aliyun SMS) with the county's own tokens and keys, the private-deployment addresses it names
 * pointing at fake servers that check tokens, keys, signatures, timestamps and templates as the real ones do; the
 * leader set to SMS by an administrator and the secretaries' mobiles set by themselves, through the calls the README
 * gives. Deadlines in seconds: a draft plan is due 30 s after its case opens, reminded at 10 s and 20 s, yellow at
 * 30 s, red at 40 s. The test only publishes a round; both nodes sweep and send on their own schedules.
 */
@Tag("cluster")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterChannelsIT {

  // the county's own values the README leaves to it (<…>); what a real robot or AccessKey looks like
  static final String CHENGGUAN_TOKEN = "6a0f3c1e9b2d4f8a7c5e0b1d3f2a4c6e8b0d2f4a6c8e0b2d4f6a8c0e2b4d6f8a";
  static final String CHENGGUAN_SECRET = "SEC5b8e2f0a4c6d8e0f2a4b6c8d0e2f4a6b8c0d2e4f6a8b0c2d4e6f8a0b2c4d6e8f";
  static final String DONGCHENG_KEY = "693a91f6-7d3e-4b2c-9a1f-0e5c2d8b4a71";
  static final String ORG_DEPT_TOKEN = "0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c";
  static final String ORG_DEPT_SECRET = "SEC1f3e5d7c9b0a2f4e6d8c0b1a3f5e7d9c2b4a6f8e0d1c3b5a7f9e2d4c6b8a0f1e";
  static final String LEADERS_KEY = "2b7e4c1a-9d3f-4e8b-a6c5-7f0d1e2a3b4c";
  static final String SMS_KEY_ID = "LTAI5tQk8wZ2mRv9nXc3pJhD";
  static final String SMS_KEY_SECRET = "Zk3vN8qR2wX6yB1cF4hJ7mP0sT5uV9";
  static final String SMS_SIGN_NAME = "某某县整改台账";
  static final String SMS_TEMPLATE_CODE = "SMS_490012345";
  static final String CHENGGUAN_MOBILE = "13800000002";
  static final String DONGCHENG_MOBILE = "13800000003";
  static final int PROBLEMS = 2;

  // the DingTalk groups also check a custom keyword (自定义关键词): one every robot message carries
  @RegisterExtension static final FakeDingTalk dingTalk = new FakeDingTalk()
      .robot(CHENGGUAN_TOKEN, CHENGGUAN_SECRET, "办理").robot(ORG_DEPT_TOKEN, ORG_DEPT_SECRET, "办理");
  @RegisterExtension static final FakeWeCom weCom = new FakeWeCom().robot(DONGCHENG_KEY).robot(LEADERS_KEY);
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
  // the groups of the README's robots 0 to 3
  String chengguan;
  String dongcheng;
  String orgDept;
  String leaders;

  @BeforeAll
  void startTwoNodesSetUpAsTheReadmeSays() throws Exception {
    readme = ReadmeChannelSetup.read();
    aliyun.template(readme.smsTemplate());
    Map<String, String> environment = new LinkedHashMap<>(readme.environment(Map.of(
        "RECTIFICATION_ROBOTS_0_TOKEN", CHENGGUAN_TOKEN,
        "RECTIFICATION_ROBOTS_0_SECRET", CHENGGUAN_SECRET,
        "RECTIFICATION_ROBOTS_1_KEY", DONGCHENG_KEY,
        "RECTIFICATION_ROBOTS_2_TOKEN", ORG_DEPT_TOKEN,
        "RECTIFICATION_ROBOTS_2_SECRET", ORG_DEPT_SECRET,
        "RECTIFICATION_ROBOTS_3_KEY", LEADERS_KEY,
        "RECTIFICATION_SMS_ACCESS_KEY_ID", SMS_KEY_ID,
        "RECTIFICATION_SMS_ACCESS_KEY_SECRET", SMS_KEY_SECRET,
        "RECTIFICATION_SMS_SIGN_NAME", SMS_SIGN_NAME,
        "RECTIFICATION_SMS_TEMPLATE_CODE", SMS_TEMPLATE_CODE)));
    assertThat(environment).as("the README's robots: 0 and 2 DingTalk, 1 and 3 WeCom")
        .containsEntry("RECTIFICATION_ROBOTS_0_KIND", "DINGTALK").containsEntry("RECTIFICATION_ROBOTS_1_KIND", "WECOM")
        .containsEntry("RECTIFICATION_ROBOTS_2_KIND", "DINGTALK").containsEntry("RECTIFICATION_ROBOTS_3_KIND", "WECOM");
    chengguan = environment.get("RECTIFICATION_ROBOTS_0_UNIT");
    dongcheng = environment.get("RECTIFICATION_ROBOTS_1_UNIT");
    orgDept = environment.get("RECTIFICATION_ROBOTS_2_UNIT");
    leaders = environment.get("RECTIFICATION_ROBOTS_3_UNIT");
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
  void everyRobotMessageSmsAndMailArrivesOnceFromTwoNodesAndEachRobotsTurnsAreThreeSecondsApart() throws Exception {
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

    for (Map.Entry<String, String> robot : Map.of(CHENGGUAN_TOKEN, chengguan, ORG_DEPT_TOKEN, orgDept).entrySet()) {
      List<Instant> turns = eachNoticeArrivedOnce(dingTalk, robot.getKey(), "DINGTALK", robot.getValue()).stream()
          .map(FakeRobotServer.Received::stamped).sorted().toList();
      for (int i = 1; i < turns.size(); i++) {
        assertThat(Duration.between(turns.get(i - 1), turns.get(i))).as("%s's robot's turns %s", robot.getValue(), turns)
            .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
      }
    }
    eachNoticeArrivedOnce(weCom, DONGCHENG_KEY, "WECOM", dongcheng);
    eachNoticeArrivedOnce(weCom, LEADERS_KEY, "WECOM", leaders);
    assertThat(count("select count(*) from notification where channel = 'DINGTALK' and problem_id like '2024-ZXDC/%'"
        + " and address = '" + chengguan + "' and mentions = '" + CHENGGUAN_MOBILE + "'"))
        .as("城关's notices of the round mention its secretary").isEqualTo(PROBLEMS * 5L);
    assertThat(mentioned(dingTalk.received(CHENGGUAN_TOKEN), "at", "atMobiles")).contains(CHENGGUAN_MOBILE);
    assertThat(mentioned(weCom.received(DONGCHENG_KEY), "text", "mentioned_mobile_list")).contains(DONGCHENG_MOBILE);
    assertThat(mentioned(weCom.received(LEADERS_KEY), "text", "mentioned_mobile_list")).contains(leaderMobile);
    assertThat(weCom.received(LEADERS_KEY)).as("the leaders' group gets the red cards")
        .allSatisfy(card -> assertThat(card.message().path("text").path("content").asText()).startsWith("【红牌督办】"));

    long byA = sentBy(nodeA, chengguan);
    long byB = sentBy(nodeB, chengguan);
    assertThat(List.of(byA, byB)).as("messages to %s's robot sent by node A and node B", chengguan)
        .allSatisfy(sent -> assertThat(sent).isPositive());
    assertThat(byA + byB).isEqualTo(dingTalk.received(CHENGGUAN_TOKEN).size());

    leaderGotTheRedCardsBySmsAndEverySmsCameOnce(leaderMobile);
    assertThat(receivedMail()).as("mails, each recorded one once").containsExactlyInAnyOrderElementsOf(jdbc.queryForList(
        "select recipient_email || ' ' || subject from notification where channel = 'EMAIL'", String.class));
    secretsAreNeitherLoggedNorStored();
  }

  /**
   * The robot's messages are exactly the notices recorded for its group, each once (the text as recorded, with
   * DingTalk's @mobiles), none refused. Returns them.
   */
  private List<FakeRobotServer.Received> eachNoticeArrivedOnce(FakeRobotServer server, String robot, String channel,
      String group) {
    List<String> recorded = jdbc.queryForList("select text_body, mentions from notification where channel = ?"
        + " and address = ?", channel, group).stream().map(row -> {
          String mentions = (String) row.get("mentions");
          boolean inText = channel.equals("DINGTALK") && mentions != null && !mentions.isBlank();
          return row.get("text_body") + (inText ? "\n@" + mentions.replace(",", " @") : "");
        }).toList();
    assertThat(recorded).as("%s notices recorded for %s", channel, group).isNotEmpty().doesNotHaveDuplicates();
    List<FakeRobotServer.Received> received = server.received(robot);
    assertThat(received.stream().map(message -> message.message().path("text").path("content").asText()))
        .as("%s messages to %s, each recorded notice once", channel, group).containsExactlyInAnyOrderElementsOf(recorded);
    assertThat(server.refused(robot)).as("refused by %s's robot (signature, timestamp, keyword, too fast)", group)
        .isEmpty();
    return received;
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
    List<String> secrets = List.of(CHENGGUAN_TOKEN, CHENGGUAN_SECRET, DONGCHENG_KEY, ORG_DEPT_TOKEN, ORG_DEPT_SECRET,
        LEADERS_KEY, SMS_KEY_SECRET);
    for (AppNode node : List.of(nodeA, nodeB)) {
      assertThat(String.join("\n", node.logLines())).as("%s's log", node.name).doesNotContain(secrets);
    }
    assertThat(jdbc.queryForList("select robot from robot_pace", String.class)).as("the robots' turns, by digest")
        .hasSize(4).allSatisfy(robot -> assertThat(robot).doesNotContain(secrets));
  }

  /**
   * A round of problems for both units with a robot, supervised by the group with a robot, published at once: their new
   * tasks come together.
   */
  private void publishRoundOfBothUnits() throws IOException {
    assertThat(nodeA.post("/api/rounds", "sup-orgdept", "{\"name\":\"2024年专项督查\",\"kind\":\"专项督查\","
        + "\"heldOn\":\"2024-07-01\",\"defaultDeadline\":\"2027-12-31\"}").body()).contains("\"code\":\"2024-ZXDC\"");
    List<String> problems = new ArrayList<>();
    for (int i = 1; i <= PROBLEMS; i++) {
      problems.add("{\"number\":\"1." + i + "\",\"category\":\"组织生活\",\"title\":\"机器人测试问题 " + i + "\","
          + "\"source\":\"原文 " + i + "\",\"units\":[\"" + chengguan + "\",\"" + dongcheng + "\"],"
          + "\"supervisors\":[\"" + orgDept + "\"],\"deadline\":\"2027-12-31\"}");
    }
    assertThat(nodeB.put("/api/rounds/2024-ZXDC/problems", "sup-orgdept", "[" + String.join(",", problems) + "]").body())
        .as("nothing left to correct").isEqualTo("[]");
    assertThat(nodeA.post("/api/rounds/2024-ZXDC/publish", "sup-orgdept", "{}").statusCode()).isEqualTo(200);
  }

  /** The mobiles the messages mention in this list of their JSON. */
  private static List<String> mentioned(List<FakeRobotServer.Received> messages, String part, String field) {
    List<String> mobiles = new ArrayList<>();
    messages.forEach(message -> message.message().path(part).path(field)
        .forEach(mobile -> mobiles.add(mobile.asText())));
    return mobiles;
  }

  /** Messages to the group's DingTalk robot this node logged as sent. */
  private static long sentBy(AppNode node, String group) throws IOException {
    return node.logLines().stream().filter(line -> line.contains("到组 " + group + " 的钉钉群机器人：")).count();
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
