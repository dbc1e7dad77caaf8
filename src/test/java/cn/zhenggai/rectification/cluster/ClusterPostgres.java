package cn.zhenggai.rectification.cluster;

import cn.zhenggai.rectification.FreePort;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.util.FileSystemUtils;

/**
 * A real PostgreSQL server the cluster's nodes share, which can be stopped and started again on the same port and
 * data (a restart, as an operator or a failover would do it).
 */
public final class ClusterPostgres implements AutoCloseable {

  static final String DATABASE = "rectification";

  private final Path data;
  private final int port;
  private EmbeddedPostgres server;

  public ClusterPostgres() throws IOException {
    data = Files.createTempDirectory("cluster-pg");
    Files.delete(data); // initdb wants to create it
    port = FreePort.next();
    start();
    try (Connection connection = server.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("create database " + DATABASE);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + DATABASE, e);
    }
  }

  void start() throws IOException {
    server = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
  }

  /** Fast shutdown: open connections are cut, open transactions rolled back. */
  void stop() throws IOException {
    server.close();
    server = null;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
  }

  public DataSource dataSource() {
    return server.getDatabase("postgres", DATABASE);
  }

  @Override
  public void close() throws IOException {
    if (server != null) {
      stop();
    }
    FileSystemUtils.deleteRecursively(data);
  }
}
