package cn.zhenggai.rectification.operations;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Health component {@code mail} (in place of Spring Boot's, which turns the whole health DOWN when the mail server is
 * out of reach): whether the SMTP server of {@code spring.mail.host} answers with its greeting, as information only.
 * Notices are recorded whatever the mail server does and sent when it is back, so the node stays healthy: the status
 * is UP when the server greets, UNKNOWN (which does not change the overall status) when it does not or when no server
 * is configured. Checked at most once per {@code rectification.operations.figures-max-age}.
 */
@Component("mailHealthIndicator")
class MailServerHealth implements HealthIndicator {

  private final String host;
  private final int port;
  private final Duration timeout;
  private final Recent<Health> check;

  MailServerHealth(Environment environment, OperationsProperties properties) {
    this.host = environment.getProperty("spring.mail.host", "");
    this.port = environment.getProperty("spring.mail.port", Integer.class, 25);
    this.timeout = properties.mailCheckTimeout();
    this.check = new Recent<>("邮件服务器检查", this::check, properties.figuresMaxAge());
  }

  @Override
  public Health health() {
    if (host.isBlank()) {
      return Health.unknown()
          .withDetail("configured", false)
          .withDetail("message", "未设置邮件服务器（spring.mail.host）：通知照常记录，标记为未发送")
          .build();
    }
    return check.get().orElseThrow();
  }

  private Health check() {
    Health.Builder health;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      String greeting = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
          .readLine();
      OutputStream out = socket.getOutputStream();
      out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      health = greeting != null && greeting.startsWith("220")
          ? Health.up().withDetail("reachable", true)
          : Health.unknown().withDetail("reachable", false)
              .withDetail("message", "邮件服务器没有正常应答（" + greeting + "）：通知照常记录，恢复后发送");
    } catch (IOException | RuntimeException e) {
      health = Health.unknown().withDetail("reachable", false)
          .withDetail("message", "邮件服务器无法连接（" + e.getMessage() + "）：通知照常记录，恢复后发送");
    }
    return health.withDetail("configured", true).withDetail("server", host + ":" + port).build();
  }
}
