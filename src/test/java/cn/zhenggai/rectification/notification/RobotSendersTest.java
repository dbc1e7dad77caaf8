package cn.zhenggai.rectification.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhenggai.rectification.notification.NotificationProperties.Robot;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The two robot senders against fakes that check what WeCom and DingTalk check; the message text's length. */
class RobotSendersTest {

  static final String SECRET = "SECc0ffee1234567890abcdef";

  @RegisterExtension static final FakeDingTalk dingTalk = new FakeDingTalk().robot("ding-token", SECRET);
  @RegisterExtension static final FakeWeCom weCom = new FakeWeCom().robot("wecom-key-1");

  final NotificationProperties properties = new NotificationProperties(URI.create("http://localhost:8080"), null, null,
      new NotificationProperties.Channels(Duration.ofSeconds(1), 3, Duration.ofSeconds(1), Duration.ofSeconds(5),
          Duration.ofSeconds(5), 20, URI.create(weCom.baseUrl() + "/"), URI.create(dingTalk.baseUrl())), List.of());
  final RobotWebhook webhook = new RobotWebhook(new ObjectMapper(), properties);
  final DingTalkRobot dingTalkRobot = new DingTalkRobot(webhook, properties);
  final WeComRobot weComRobot = new WeComRobot(webhook, properties);

  @Test
  void aSignedDingTalkMessageArrivesMentioningTheMobileInTextAndAtMobiles() throws Exception {
    dingTalkRobot.send(new Robot("organs", NoticeChannel.DINGTALK, null, "ding-token", SECRET), "【催办】签名正确",
        List.of("13800000001"), new Date());

    FakeRobotServer.Received message = dingTalk.received("ding-token").stream()
        .filter(m -> m.message().path("text").path("content").asText().startsWith("【催办】签名正确")).findFirst().orElseThrow();
    assertThat(message.message().path("text").path("content").asText()).endsWith("@13800000001");
    assertThat(message.message().path("at").path("atMobiles").get(0).asText()).isEqualTo("13800000001");
  }

  @Test
  void dingTalkRefusesAWrongSecretAnOldTimestampAndAnUnknownToken() {
    assertThatThrownBy(() -> dingTalkRobot.send(new Robot("organs", NoticeChannel.DINGTALK, null, "ding-token",
        "SECwrong0000000000000000"), "错误密钥", List.of(), new Date()))
        .isInstanceOf(DeliveryFailure.class).hasMessageContaining("310000").hasMessageContaining("sign not match");
    assertThatThrownBy(() -> dingTalkRobot.send(new Robot("organs", NoticeChannel.DINGTALK, null, "ding-token", SECRET),
        "两小时前的时间戳", List.of(), new Date(System.currentTimeMillis() - Duration.ofHours(2).toMillis())))
        .isInstanceOf(DeliveryFailure.class).hasMessageContaining("310000").hasMessageContaining("timestamp");
    assertThatThrownBy(() -> dingTalkRobot.send(new Robot("organs", NoticeChannel.DINGTALK, null, "no-such-token", SECRET),
        "未知令牌", List.of(), new Date()))
        .isInstanceOf(DeliveryFailure.class).hasMessageContaining("300001");
    assertThat(dingTalk.received("ding-token")).noneMatch(m -> m.message().toString().contains("错误密钥")
        || m.message().toString().contains("两小时前"));
  }

  @Test
  void aWeComMessageArrivesWithTheMentionedMobilesAndAWrongKeyIsRefused() throws Exception {
    weComRobot.send(new Robot("organs", NoticeChannel.WECOM, "wecom-key-1", null, null), "【新任务】企业微信",
        List.of("13900000002"), new Date());
    assertThatThrownBy(() -> weComRobot.send(new Robot("organs", NoticeChannel.WECOM, "wecom-key-2", null, null),
        "错误的 key", List.of(), new Date()))
        .isInstanceOf(DeliveryFailure.class).hasMessageContaining("93000")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wecom-key-2"));

    FakeRobotServer.Received message = weCom.received("wecom-key-1").get(0);
    assertThat(message.message().path("text").path("content").asText()).isEqualTo("【新任务】企业微信");
    assertThat(message.message().path("text").path("mentioned_mobile_list").get(0).asText()).isEqualTo("13900000002");
  }

  @Test
  void aLongTitleIsShortenedSoTheMessageWithItsMentionsStaysUnder2048BytesAndKeepsItsLink() {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("unitName", "城关街道党工委");
    model.put("stage", "制定整改方案");
    model.put("problemId", "2022-SZPY/1.1");
    model.put("problemTitle", "理论学习不深入".repeat(200));
    model.put("due", "2027-06-30 23:59");
    model.put("link", "http://localhost:8080/camunda/app/tasklist/default/#/?task=abc");
    List<String> mobiles = List.of("13800000001", "13800000002", "13800000003");

    String text = RobotText.of("红牌督办", model, "已逾期 8 天", null, mobiles);

    String withMentions = text + "\n@13800000001 @13800000002 @13800000003";
    assertThat(withMentions.getBytes(StandardCharsets.UTF_8).length).isLessThan(2048);
    assertThat(text).startsWith("【红牌督办】城关街道党工委 · 制定整改方案 · 已逾期 8 天\n问题 2022-SZPY/1.1 理论学习不深入")
        .contains("…\n截止日期：2027-06-30 23:59").endsWith("办理：http://localhost:8080/camunda/app/tasklist/default/#/?task=abc");
  }

  @Test
  void secretsAreMaskedInTheRobotsDescriptionAndScrubbedFromErrors() {
    Robot robot = new Robot("organs", NoticeChannel.DINGTALK, null, "ding-token-123456", SECRET);
    assertThat(robot.toString()).doesNotContain("ding-token-123456").doesNotContain(SECRET).contains("SEC***");
    assertThat(Secrets.scrub("拒收 " + SECRET + " 和 ab%2Bcd%2Fef%3D", List.of(SECRET, "ab+cd/ef="))).isEqualTo("拒收 *** 和 ***");
  }
}
