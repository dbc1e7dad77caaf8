package cn.zhenggai.rectification.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.ImageEnvironment;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker-compose.yml cannot be started on the build machines (no Docker engine), so its agreement with the
 * application's configuration is checked here: two nodes on the one database and mail server, each with its own
 * name and port, healthy when ready, run with the JVM options of the image and the README.
 */
class ComposeFileTest {

  @Test
  @SuppressWarnings("unchecked")
  void twoNodesShareTheDatabaseAndTheMailServer() throws IOException {
    Map<String, Object> services = (Map<String, Object>) yaml("docker-compose.yml").get("services");
    Map<String, String> database = (Map<String, String>) ((Map<String, Object>) services.get("postgres")).get("environment");
    List<Map<String, Object>> nodes = services.entrySet().stream()
        .filter(service -> service.getKey().startsWith("app-"))
        .map(service -> (Map<String, Object>) service.getValue())
        .toList();

    assertThat(nodes).hasSize(2);
    for (Map<String, Object> node : nodes) {
      Map<String, String> environment = (Map<String, String>) node.get("environment");
      assertThat(environment.get("SPRING_PROFILES_ACTIVE")).startsWith("postgres");
      assertThat(environment.get("SPRING_DATASOURCE_URL")).isEqualTo("jdbc:postgresql://postgres:5432/" + database.get("POSTGRES_DB"));
      assertThat(environment.get("SPRING_DATASOURCE_USERNAME")).isEqualTo(database.get("POSTGRES_USER"));
      assertThat(environment.get("SPRING_DATASOURCE_PASSWORD")).isEqualTo(database.get("POSTGRES_PASSWORD"));
      assertThat(environment.get("SPRING_MAIL_HOST")).isEqualTo("mail");
      assertThat(environment.get("TZ")).as("the night cleanup window is local time").isEqualTo("Asia/Shanghai");
      assertThat(((List<String>) node.get("ports")).get(0)).endsWith(":8080");
    }
    assertThat(nodes.stream().map(node -> ((Map<String, String>) node.get("environment")).get("RECTIFICATION_NODE_NAME")))
        .as("node names").doesNotHaveDuplicates().doesNotContainNull();
    assertThat(nodes.stream().map(node -> ((List<String>) node.get("ports")).get(0))).as("ports").doesNotHaveDuplicates();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aNodeIsHealthyWhenItIsReady() throws IOException {
    Map<String, Object> application = yaml("src/main/resources/application.yaml");
    Map<String, Object> health = (Map<String, Object>) at(application, "management", "endpoint", "health");
    assertThat(at(health, "probes", "enabled")).as("liveness and readiness probes").isEqualTo(true);
    assertThat(String.valueOf(at(health, "group", "readiness", "include"))).as("the readiness group")
        .contains("readinessState", "db");
    Object port = at(application, "server", "port");
    Duration databaseWait = Duration.ofMillis(((Number) at(yaml("src/main/resources/application-postgres.yaml"),
        "spring", "datasource", "hikari", "connection-timeout")).longValue());

    for (Map.Entry<String, Object> service : ((Map<String, Object>) yaml("docker-compose.yml").get("services")).entrySet()) {
      if (!service.getKey().startsWith("app-")) {
        continue;
      }
      Map<String, Object> node = (Map<String, Object>) service.getValue();
      assertThat((List<String>) node.get("ports")).allSatisfy(mapping -> assertThat(mapping).endsWith(":" + port));
      Map<String, Object> check = (Map<String, Object>) node.get("healthcheck");
      assertThat(check).as(service.getKey()).isNotNull();
      List<String> test = (List<String>) check.get("test");
      assertThat(test).as(service.getKey()).startsWith("CMD", "curl", "-fsS") // -f: a 503 is a failure
          .contains("http://localhost:" + port + "/actuator/health/readiness");
      assertThat(duration(check.get("timeout"))).as("%s waits longer than the readiness check may take", service.getKey())
          .isGreaterThan(databaseWait);
      assertThat(duration(check.get("start_period"))).as("%s has time to load the seeds", service.getKey())
          .isGreaterThanOrEqualTo(Duration.ofMinutes(1));
    }
    assertThat(Files.readString(Path.of("Dockerfile"))).as("the image has curl for the health check")
        .containsPattern("apt-get install [^\\n]*curl");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theNodesRunWithTheJvmOptionsOfTheImageAndTheReadme() throws IOException {
    Map<String, String> image = ImageEnvironment.of(Path.of("Dockerfile"));
    String options = image.get("JAVA_TOOL_OPTIONS");
    assertThat(options).as("the Dockerfile's JAVA_TOOL_OPTIONS").contains("-Xmx", "-XX:+UseSerialGC");
    assertThat(image).as("the Dockerfile's environment").containsEntry("MALLOC_ARENA_MAX", "2");

    for (Map.Entry<String, Object> service : ((Map<String, Object>) yaml("docker-compose.yml").get("services")).entrySet()) {
      if (service.getKey().startsWith("app-")) {
        Map<String, String> environment = (Map<String, String>) ((Map<String, Object>) service.getValue()).get("environment");
        assertThat(environment).as(service.getKey()).containsAllEntriesOf(image);
      }
    }
    String readme = Files.readString(Path.of("README.md"));
    assertThat(readme).as("the README recommends what the image runs")
        .contains("JAVA_TOOL_OPTIONS=\"" + options + "\"", "MALLOC_ARENA_MAX=" + image.get("MALLOC_ARENA_MAX"));
    String dockerfile = Files.readString(Path.of("Dockerfile"));
    assertThat(dockerfile).as("the image's class-data archive, made by a training run in the image build")
        .contains("-XX:ArchiveClassesAtExit=application/app.jsa")
        .containsPattern("ENTRYPOINT \\[\"java\", \"-XX:SharedArchiveFile=application/app.jsa\", \"-jar\", \"application/app.jar\"\\]");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> yaml(String file) throws IOException {
    try (Reader reader = Files.newBufferedReader(Path.of(file))) {
      return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
    }
  }

  @SuppressWarnings("unchecked")
  private static Object at(Map<String, Object> yaml, String... keys) {
    Object value = yaml;
    for (String key : keys) {
      assertThat(value).as(String.join(".", keys)).isInstanceOf(Map.class);
      value = ((Map<String, Object>) value).get(key);
    }
    return value;
  }

  /** A compose duration such as "8s", "3m" or "1m30s". */
  private static Duration duration(Object compose) {
    return Duration.parse("PT" + String.valueOf(compose).toUpperCase());
  }
}
