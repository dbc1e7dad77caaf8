package cn.zhenggai.rectification.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker-compose.yml cannot be started on the build machines (no Docker engine), so its agreement with the
 * application's configuration is checked here: two nodes on the one database and mail server, each with its own
 * name and port.
 */
class ComposeFileTest {

  @Test
  @SuppressWarnings("unchecked")
  void twoNodesShareTheDatabaseAndTheMailServer() throws IOException {
    Map<String, Object> services;
    try (Reader file = Files.newBufferedReader(Path.of("docker-compose.yml"))) {
      services = (Map<String, Object>) ((Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(file)).get("services");
    }
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
      assertThat(((List<String>) node.get("ports")).get(0)).endsWith(":8080");
    }
    assertThat(nodes.stream().map(node -> ((Map<String, String>) node.get("environment")).get("RECTIFICATION_NODE_NAME")))
        .as("node names").doesNotHaveDuplicates().doesNotContainNull();
    assertThat(nodes.stream().map(node -> ((List<String>) node.get("ports")).get(0))).as("ports").doesNotHaveDuplicates();
  }
}
