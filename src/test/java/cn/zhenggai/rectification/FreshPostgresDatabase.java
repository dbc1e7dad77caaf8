package cn.zhenggai.rectification;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Gives each application started by the tests a new, empty PostgreSQL database on the shared test server. */
public class FreshPostgresDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  private static final AtomicInteger COUNT = new AtomicInteger();

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    TestPropertyValues.of(
            "spring.datasource.url=" + TestPostgres.newDatabase("rectification_it_" + COUNT.incrementAndGet()),
            "spring.datasource.username=" + TestPostgres.user(),
            "spring.datasource.password=")
        .applyTo(context);
  }
}
