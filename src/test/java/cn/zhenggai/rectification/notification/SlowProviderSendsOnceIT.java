package cn.zhenggai.rectification.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.casework.CaseStarter;
import cn.zhenggai.rectification.problem.Problem;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A provider that answers slowly makes a batch take longer than the claim timeout: a notice late in the batch must
 * still count as claimed from when it was taken, not from when the batch began, or the other nodes would think its
 * node died and send it too. Six SMS at a second each, a claim timeout of two seconds, a second "node" looking every
 * 200 ms: each SMS arrives once.
 */
class SlowProviderSendsOnceIT extends PostgresApplicationTest {

  @RegisterExtension
  static final FakeAliyunSms aliyun =
      new FakeAliyunSms("LTAItestkey", "aliyun-test-secret-0123456789", "整改台账", "SMS_490000001");

  @DynamicPropertySource
  static void sms(DynamicPropertyRegistry registry) {
    registry.add("rectification.seeds.problems", () -> "src/test/resources/seeds/one-problem.yaml");
    registry.add("rectification.channels.poll-interval", () -> "PT1S");
    registry.add("rectification.channels.claim-timeout", () -> "PT2S");
    registry.add("rectification.sms.endpoint", aliyun::endpoint);
    registry.add("rectification.sms.access-key-id", () -> "LTAItestkey");
    registry.add("rectification.sms.access-key-secret", () -> "aliyun-test-secret-0123456789");
    registry.add("rectification.sms.sign-name", () -> "整改台账");
    registry.add("rectification.sms.template-code", () -> "SMS_490000001");
  }

  @Autowired JdbcTemplate jdbc;
  @Autowired CaseStarter starter;
  @Autowired IdentityService identity;
  @Autowired ChannelDelivery delivery;

  @Test
  void aBatchLongerThanTheClaimTimeoutSendsEachSmsOnce() {
    identity.setUserInfo("sec-organs", Notifications.CHANNEL_PREFERENCE, "SMS");
    identity.setUserInfo("sec-organs", Notifications.MOBILE, "13700000009");
    aliyun.answerAfter(Duration.ofSeconds(1));
    for (int i = 1; i <= 6; i++) {
      starter.startIfNew(DemoRound.opening(new Problem("8." + (20 + i), "测试类别", "慢短信测试问题" + i, "原文", List.of(),
          List.of("organs"), List.of("org-dept"), LocalDate.of(2027, 6, 30))));
    }

    // a second node looks for due messages every 200 ms while the scheduled one works through its batch
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
      delivery.deliverDueNow();
      return jdbc.queryForObject("select count(*) from notification where channel = 'SMS' and status <> 'SENT'",
          Integer.class) == 0;
    });

    assertThat(aliyun.sentTo("13700000009").stream().map(sms -> sms.parameters().path("problem").asText()))
        .hasSize(6).doesNotHaveDuplicates();
  }
}
