package cn.zhenggai.rectification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * PostgreSQL's own backup tools, as an operator runs them: {@code pg_dump} in the custom format and {@code pg_restore}
 * into an empty database. Taken from {@code -Dpg.bin=DIR}, else from Debian's {@code /usr/lib/postgresql/<server's
 * major>/bin}; their major must be the server's (pg_dump refuses a newer server, and a dump is only promised to restore
 * into the same or a newer one). Without them a test is skipped with a message saying so, unless
 * {@code -Dpg.tools.required=true} (as in CI), where it fails. Each run's output goes to
 * {@code target/pg-tools/<dump file's name>.pg_dump.log} or {@code .pg_restore.log}.
 */
public final class PgTools {

  private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");
  private static final Path LOGS = Path.of("target", "pg-tools");

  private PgTools() {}

  /** A custom-format dump of the database, taken while it is in use (one consistent snapshot). */
  public static void dump(String jdbcUrl, Path file) {
    run("pg_dump", file, List.of("--format=custom", "--no-owner", "--no-privileges",
        "--file=" + file.toAbsolutePath(), "--dbname=" + connection(jdbcUrl)), jdbcUrl);
  }

  /** The dump restored into an empty database, all of it or nothing. */
  public static void restore(Path file, String jdbcUrl) {
    run("pg_restore", file, List.of("--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
        "--dbname=" + connection(jdbcUrl), file.toAbsolutePath().toString()), jdbcUrl);
  }

  private static void run(String tool, Path file, List<String> arguments, String jdbcUrl) {
    Path program = program(tool, serverMajor(jdbcUrl));
    List<String> command = new ArrayList<>(List.of(program.toString()));
    command.addAll(arguments);
    Path log = LOGS.resolve(file.getFileName().toString().replaceFirst("\\.dump$", "") + "." + tool + ".log");
    try {
      Files.createDirectories(LOGS);
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(tool + " did not finish in 5 minutes: " + command);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(tool + " exited with " + process.exitValue() + ": " + command + "\n"
            + Files.readString(log, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The tool of the server's major, or a skipped (or, where required, failed) test. */
  private static Path program(String tool, int major) {
    String configured = System.getProperty("pg.bin");
    Path directory = configured != null ? Path.of(configured) : Path.of("/usr/lib/postgresql", Integer.toString(major), "bin");
    Path program = directory.resolve(tool);
    boolean present = Files.isExecutable(program);
    String missing = "需要 PostgreSQL " + major + " 的 pg_dump/pg_restore（Debian：apt-get install postgresql-client-" + major
        + "），未找到 " + program + "（或以 -Dpg.bin=目录 指定）";
    if (!present && Boolean.getBoolean("pg.tools.required")) {
      throw new IllegalStateException(missing);
    }
    Assumptions.assumeTrue(present, missing + " — 测试跳过");
    int client = clientMajor(program);
    if (client != major) {
      throw new IllegalStateException(program + " is PostgreSQL " + client + ", the server " + major
          + ": use the tools of the server's major (-Dpg.bin=DIR)");
    }
    return program;
  }

  private static int clientMajor(Path program) {
    try {
      Process process = new ProcessBuilder(program.toString(), "--version").redirectErrorStream(true).start();
      String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor(1, TimeUnit.MINUTES);
      Matcher major = VERSION.matcher(version);
      if (!major.find()) {
        throw new IllegalStateException(program + " --version said: " + version);
      }
      return Integer.parseInt(major.group(1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int serverMajor(String jdbcUrl) {
    try (Connection connection = DriverManager.getConnection(jdbcUrl, TestPostgres.user(), "");
        Statement statement = connection.createStatement();
        ResultSet version = statement.executeQuery("select current_setting('server_version_num')::int / 10000")) {
      version.next();
      return version.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException("could not ask the server at " + jdbcUrl + " its version", e);
    }
  }

  /** {@code jdbc:postgresql://localhost:5432/db?user=postgres} → {@code postgresql://postgres@localhost:5432/db}. */
  static String connection(String jdbcUrl) {
    URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
    int port = uri.getPort() < 0 ? 5432 : uri.getPort();
    return "postgresql://" + TestPostgres.user() + "@" + uri.getHost() + ":" + port + uri.getPath();
  }
}
