package cn.zhenggai.rectification.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Readiness as compose or a load balancer sees it, on the packaged application in its own JVM and a PostgreSQL server
 * that can be stopped. The node's start-up work is held up as a second node's is while the first one seeds: the test
 * holds the seeding lock (the {@code app_lock} row), so the node's seed loading waits inside its transaction. Meanwhile
 * the node is alive but not ready, and refuses every sign-in with 503 "系统正在启动，请稍候" instead of "wrong
 * password"; ready once the lock is let go. Not ready while the database is stopped, ready again when it is back. A
 * node that loads no seeds at start-up becomes ready too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadinessIT {

  static final String STARTING = "系统正在启动，请稍候";
  static final String LIVENESS = "/actuator/health/liveness";
  static final String READINESS = "/actuator/health/readiness";

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  ClusterPostgres postgres;
  JdbcTemplate jdbc;
  AppNode node;
  AppNode withoutSeeds;
  Connection seedingLock;

  @BeforeAll
  void startANodeWhoseSeedingWaits() throws Exception {
    postgres = new ClusterPostgres();
    jdbc = new JdbcTemplate(postgres.dataSource());
    // the application's own tables, as a first node would have made them: the seeding lock is a row of app_lock
    Flyway.configure().dataSource(postgres.dataSource()).load().migrate();
    seedingLock = postgres.dataSource().getConnection();
    seedingLock.setAutoCommit(false);
    try (Statement statement = seedingLock.createStatement()) {
      statement.executeQuery("select name from app_lock where name = 'seeding' for update");
    }
    node = new AppNode("readiness", settings());
    node.start();
  }

  @AfterAll
  void stopEverything() throws Exception {
    for (AppNode started : new AppNode[] {node, withoutSeeds}) {
      if (started != null) {
        started.stop();
      }
    }
    if (seedingLock != null) {
      seedingLock.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  @Order(1)
  void whileTheStartUpWorkRunsTheNodeIsAliveNotReadyAndAsksSignInsToWait() throws Exception {
    await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions() // until it listens
        .until(() -> anonymous(LIVENESS).statusCode() == 200);
    assertThat(node.casesOpened()).as("the seeds are not loaded yet").isEmpty();

    HttpResponse<String> readiness = anonymous(READINESS);
    assertThat(readiness.statusCode()).isEqualTo(503);
    assertThat(readiness.body()).isEqualTo("{\"status\":\"OUT_OF_SERVICE\"}");
    assertThat(anonymous(LIVENESS).body()).isEqualTo("{\"status\":\"UP\"}");

    for (String path : List.of("/api/cases", "/supervision/", "/actuator/prometheus")) {
      HttpResponse<String> basic = node.get(path, path.equals("/api/cases") ? "sec-chengguan" : "admin");
      assertThat(basic.statusCode()).as("HTTP Basic on %s", path).isEqualTo(503);
      assertThat(basic.body()).as(path).contains("\"detail\":\"" + STARTING + "\"");
      assertThat(basic.headers().firstValue("Retry-After")).as(path).hasValue("5");
    }
    assertThat(anonymous("/login").body()).contains(STARTING);
    HttpResponse<String> form = new TasklistSession(node, "sec-chengguan").signIn;
    assertThat(form.statusCode()).as("the sign-in form").isEqualTo(503);
    assertThat(form.body()).contains(STARTING, "<form");
    assertThat(jdbc.queryForObject("select count(*) from sign_in_throttle", Long.class))
        .as("no sign-in counted as a wrong password").isZero();

    seedingLock.rollback(); // the other node's seeding is done
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
        .until(() -> anonymous(READINESS).statusCode() == 200);

    assertThat(anonymous(READINESS).body()).isEqualTo("{\"status\":\"UP\"}");
    assertThat(node.casesOpened()).hasValue(9);
    assertThat(node.get("/api/cases", "sec-chengguan").statusCode()).isEqualTo(200);
    HttpResponse<String> signedIn = new TasklistSession(node, "sec-chengguan").signIn;
    assertThat(signedIn.statusCode()).isEqualTo(302);
    assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).contains("/camunda/app/tasklist/"));
    assertThat(anonymous("/login").body()).doesNotContain(STARTING);
    String log = Files.readString(node.log(), StandardCharsets.UTF_8);
    assertThat(log.indexOf("启动工作已完成，开始接受登录和请求")).as("ready logged after the seeding")
        .isGreaterThan(log.indexOf("本次新立案 9 个"));
  }

  @Test
  @Order(2)
  void whileTheDatabaseIsStoppedTheNodeIsNotReadyAndWhenItIsBackItIsReadyAgain() throws Exception {
    postgres.stop();
    try {
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
          .until(() -> anonymous(READINESS).statusCode() == 503);
      assertThat(anonymous(READINESS).body()).isEqualTo("{\"status\":\"DOWN\"}");
      assertThat(anonymous(LIVENESS).statusCode()).as("alive: nothing to restart").isEqualTo(200);
    } finally {
      postgres.start();
    }
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
        .until(() -> anonymous(READINESS).statusCode() == 200);
    assertThat(node.get("/api/cases", "sec-chengguan").statusCode()).isEqualTo(200);
  }

  @Test
  @Order(3)
  void aNodeThatLoadsNoSeedsAtStartUpBecomesReadyToo() throws Exception {
    withoutSeeds = new AppNode("readiness-no-seeds",
        concat(settings(), "--rectification.seeds.load-at-start-up=false"));
    withoutSeeds.start();
    await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
        .until(() -> anonymous(withoutSeeds, READINESS).statusCode() == 200);
    assertThat(withoutSeeds.casesOpened()).isEmpty();
    assertThat(withoutSeeds.get("/api/cases", "sec-chengguan").statusCode()).isEqualTo(200);
  }

  private List<String> settings() {
    return List.of(
        "--spring.profiles.active=postgres,demo",
        "--spring.datasource.url=" + postgres.jdbcUrl(),
        "--spring.datasource.username=postgres",
        "--spring.datasource.password=");
  }

  private static List<String> concat(List<String> settings, String setting) {
    return Stream.concat(settings.stream(), Stream.of(setting)).toList();
  }

  private HttpResponse<String> anonymous(String path) throws IOException {
    return anonymous(node, path);
  }

  /** Without credentials, as a health check or a browser before signing in. */
  private HttpResponse<String> anonymous(AppNode target, String path) throws IOException {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + target.port + path))
          .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
