package cn.zhenggai.rectification.operations;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.FreePort;
import cn.zhenggai.rectification.TestMailServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.mock.env.MockEnvironment;

/** The mail server's health is information: never DOWN, whatever the mail server does. */
class MailServerHealthTest {

  final OperationsProperties properties = new OperationsProperties(Duration.ZERO, Duration.ofSeconds(2));

  @Test
  void withoutAMailServerConfiguredItSaysSo() {
    Health health = new MailServerHealth(new MockEnvironment(), properties).health();

    assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
    assertThat(health.getDetails()).containsEntry("configured", false);
    assertThat((String) health.getDetails().get("message")).contains("未设置邮件服务器（spring.mail.host）");
  }

  @Test
  void aMailServerThatAnswersIsUp() {
    TestMailServer smtp = new TestMailServer();
    try {
      Health health = new MailServerHealth(mailServerAt(smtp.getSmtp().getPort()), properties).health();

      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsEntry("reachable", true)
          .containsEntry("server", "localhost:" + smtp.getSmtp().getPort());
    } finally {
      smtp.stop();
    }
  }

  @Test
  void aMailServerOutOfReachIsReportedWithoutTurningTheHealthDown() {
    int nobodyListens = FreePort.next();
    Health health = new MailServerHealth(mailServerAt(nobodyListens), properties).health();

    assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
    assertThat(health.getDetails()).containsEntry("reachable", false).containsEntry("configured", true);
    assertThat((String) health.getDetails().get("message")).startsWith("邮件服务器无法连接").endsWith("通知照常记录，恢复后发送");
  }

  private static MockEnvironment mailServerAt(int port) {
    return new MockEnvironment().withProperty("spring.mail.host", "localhost").withProperty("spring.mail.port", "" + port);
  }
}
