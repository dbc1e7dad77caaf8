package cn.zhenggai.rectification.backup;

import cn.zhenggai.rectification.RectificationApplication;
import cn.zhenggai.rectification.TestPostgres;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application started in this JVM as production runs it ({@code postgres} profile, with the demo accounts the
 * tests sign in with) on a database of the test server, on a free port; the engine clock ({@code ClockUtil}) is the
 * test's.
 */
public final class ApplicationOnDatabase {

  private ApplicationOnDatabase() {}

  public static ConfigurableApplicationContext start(String jdbcUrl, List<String> settings) {
    List<String> arguments = new ArrayList<>(List.of(
        "--spring.profiles.active=postgres,demo",
        "--server.port=0",
        "--spring.datasource.url=" + jdbcUrl,
        "--spring.datasource.username=" + TestPostgres.user(),
        "--spring.datasource.password="));
    arguments.addAll(settings);
    return new SpringApplicationBuilder(RectificationApplication.class).run(arguments.toArray(String[]::new));
  }

  public static int port(ConfigurableApplicationContext application) {
    return Integer.parseInt(application.getEnvironment().getRequiredProperty("local.server.port"));
  }
}
