package cn.zhenggai.rectification.load;

import static org.awaitility.Awaitility.await;

import cn.zhenggai.rectification.cluster.AppNode;
import cn.zhenggai.rectification.cluster.ClusterPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two application nodes as production runs them (the packaged jar, each in its own JVM, as {@code ClusterIT} starts
 * them) on one embedded PostgreSQL server, with the demo accounts and the generated problem list; no mail server
 * (notices are recorded and marked "not sent"). The nodes' logs are {@code target/cluster/load-a.log} and
 * {@code load-b.log}.
 */
final class TwoNodes implements AutoCloseable {

  private final ClusterPostgres postgres;
  private final List<AppNode> nodes = new ArrayList<>();

  /** Starts both at once and waits until both have loaded the problem list and answer signed-in requests. */
  TwoNodes(Path problemList, List<String> extraSettings) throws IOException {
    postgres = new ClusterPostgres();
    List<String> settings = new ArrayList<>(List.of(
        "--spring.profiles.active=postgres,demo",
        "--spring.datasource.url=" + postgres.jdbcUrl(),
        "--spring.datasource.username=postgres",
        "--spring.datasource.password=",
        "--rectification.seeds.problems=" + problemList.toAbsolutePath(),
        // reports without evidence files: uploads are the evidence panel's own requests, not part of this load
        "--rectification.evidence.required.report=false"));
    settings.addAll(extraSettings);
    try {
      for (String name : List.of("load-a", "load-b")) {
        AppNode node = new AppNode(name, settings);
        nodes.add(node);
        node.start();
      }
      await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofSeconds(2))
          .until(() -> nodes.get(0).isReady() && nodes.get(1).isReady());
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  int[] ports() {
    return nodes.stream().mapToInt(node -> node.port).toArray();
  }

  boolean bothAlive() {
    return nodes.stream().allMatch(AppNode::isAlive);
  }

  JdbcTemplate jdbc() {
    return new JdbcTemplate(postgres.dataSource());
  }

  @Override
  public void close() throws IOException {
    for (AppNode node : nodes) {
      try {
        node.stop();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    postgres.close();
  }
}
