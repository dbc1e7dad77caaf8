package cn.zhenggai.rectification.cluster;

import cn.zhenggai.rectification.FreePort;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One application node as it runs in production: the packaged jar in its own JVM ({@code target/rectification-*.jar},
 * built by {@code package} before the integration tests), configured by command-line settings and, as an operator
 * would, environment variables; its output in {@code target/cluster/<name>.log}.
 */
public final class AppNode {

  private static final Pattern SEEDED = Pattern.compile("问题清单 .* 共 \\d+ 个问题，本次新立案 (\\d+) 个");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public final String name;
  public final int port;
  private final List<String> settings;
  private final Map<String, String> environment;
  private Process process;
  private long logLinesBefore; // the log of earlier starts of this node

  public AppNode(String name, List<String> settings) throws IOException {
    this(name, settings, Map.of());
  }

  /** A node whose environment has these variables besides the test's own. */
  public AppNode(String name, List<String> settings, Map<String, String> environment) throws IOException {
    this.name = name;
    this.port = FreePort.next();
    this.settings = settings;
    this.environment = Map.copyOf(environment);
    Files.deleteIfExists(log());
  }

  public Path log() {
    return Path.of("target", "cluster", name + ".log");
  }

  public void start() throws IOException {
    Path log = log();
    Files.createDirectories(log.getParent());
    logLinesBefore = Files.exists(log) ? logLines().size() : 0;
    List<String> command = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse("java"), "-Xmx384m", "-jar", jar().toString(),
        "--server.port=" + port, "--rectification.node-name=" + name, "--rectification.base-url=http://localhost:" + port));
    command.addAll(settings);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    process = builder.start();
  }

  /**
   * The number of cases this start of the node opened, once it has loaded the seed files (the last step of its
   * start-up, after the web server already answers).
   */
  OptionalLong casesOpened() throws IOException {
    List<String> lines = logLines();
    for (String line : lines.subList((int) Math.min(logLinesBefore, lines.size()), lines.size())) {
      Matcher seeded = SEEDED.matcher(line);
      if (seeded.find()) {
        return OptionalLong.of(Long.parseLong(seeded.group(1)));
      }
    }
    return OptionalLong.empty();
  }

  /** The log so far (a line being written may end in half a character). */
  List<String> logLines() throws IOException {
    return new String(Files.readAllBytes(log()), StandardCharsets.UTF_8).lines().toList();
  }

  /** Started completely: seed files loaded and signed-in requests answered. */
  public boolean isReady() throws IOException {
    return casesOpened().isPresent() && isServing();
  }

  /** Whether the node answers a signed-in request that needs the database. */
  boolean isServing() {
    try {
      return get("/api/ledger/overview", "sup-orgdept").statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** {@code kill -9}: no shutdown hook, no unlocking of jobs, open transactions cut off. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** {@code kill -STOP}: the node stands still, holding its connections and locks, until {@link #resume()}. */
  void pause() throws IOException, InterruptedException {
    signal("STOP");
  }

  void resume() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String name) throws IOException, InterruptedException {
    int exit = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
    if (exit != 0) {
      throw new IllegalStateException("kill -" + name + " " + process.pid() + " exited with " + exit);
    }
  }

  public void stop() throws InterruptedException {
    if (isAlive()) {
      process.destroy();
      process.waitFor();
    }
  }

  HttpResponse<String> get(String path, String user) throws IOException {
    return send(HttpRequest.newBuilder(uri(path)).GET(), user);
  }

  HttpResponse<String> post(String path, String user, String json) throws IOException {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)), user);
  }

  HttpResponse<String> put(String path, String user, String json) throws IOException {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json)), user);
  }

  private HttpResponse<String> send(HttpRequest.Builder request, String user) throws IOException {
    String credentials = Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    try {
      return HTTP.send(request.header("Authorization", "Basic " + credentials).timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private static Path jar() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files.filter(file -> file.getFileName().toString().matches("rectification-.*\\.jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("target/rectification-*.jar is missing: run ./mvnw verify (package builds it)"));
    }
  }
}
