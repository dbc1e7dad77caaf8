package cn.zhenggai.rectification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real SMTP server (GreenMail) for the application a test class starts, on a port fixed for the whole class, so that
 * a test can stop it and start it again where the application expects it. Running from its creation (the application
 * may be started by the first callback of the class, before any {@code @BeforeAll}), stopped after the class:
 * {@code @RegisterExtension static final TestMailServer smtp = new TestMailServer();}, and
 * {@code smtp.configure(registry)} in the class's {@code @DynamicPropertySource}.
 */
public final class TestMailServer extends GreenMail implements AfterAllCallback {

  private final int port;

  public TestMailServer() {
    this(FreePort.next());
  }

  private TestMailServer(int port) {
    super(new ServerSetup(port, "localhost", ServerSetup.PROTOCOL_SMTP));
    this.port = port;
    start();
  }

  /** Points the application's {@code spring.mail} at this server. */
  public void configure(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "localhost");
    registry.add("spring.mail.port", () -> port);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }
}
