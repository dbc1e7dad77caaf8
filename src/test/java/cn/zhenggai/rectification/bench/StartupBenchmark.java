package cn.zhenggai.rectification.bench;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.FreePort;
import cn.zhenggai.rectification.TestPostgres;
import cn.zhenggai.rectification.bench.BenchmarkReport.Row;
import java.io.IOException;
import java.net.ConnectException;
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
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Not a test: a benchmark, run with {@code ./mvnw verify -Pbenchmark} (after {@code package}, which builds the jar).
 * Starts the packaged application as production does ({@code java -jar}, no JVM options, profiles postgres,demo) on
 * a fresh PostgreSQL database with the real seed files, {@code bench.startups} times (default 3): the time from
 * starting the process to {@code /login} answering 200, and the resident memory of the JVM (VmRSS) then and after a
 * short burst of signed-in requests. Medians.
 */
class StartupBenchmark {

  static final int STARTS = Integer.getInteger("bench.startups", 3);
  static final int BURST = 200;
  static final double GOAL_SECONDS = 15;
  static final double GOAL_MB = 700;
  private static final List<String> BURST_PATHS = List.of("/api/cases", "/api/cases/2022-SZPY/1.1", "/api/ledger/overview",
      "/supervision/", "/supervision/ledger");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void startUpTimeAndResidentMemory() throws Exception {
    String load = BenchmarkReport.loadAverage();
    Path jar = jar();
    List<Double> seconds = new ArrayList<>();
    List<Double> seededSeconds = new ArrayList<>();
    List<Double> readyMb = new ArrayList<>();
    List<Double> busyMb = new ArrayList<>();
    StringBuilder runs = new StringBuilder("| start | to `/login` 200 | to the seeded cases, signed in | Spring's \"Started … in\" "
        + "| RSS when ready | RSS after " + BURST + " requests |\n|---|---|---|---|---|---|\n");
    for (int run = 1; run <= STARTS; run++) {
      String database = TestPostgres.newDatabase("bench_startup_" + run);
      int port = FreePort.next();
      Path log = BenchmarkReport.DIR.resolve("startup-" + run + ".log");
      Files.createDirectories(log.getParent());
      List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-jar", jar.toString(),
          "--spring.profiles.active=postgres,demo", "--spring.datasource.url=" + database,
          "--spring.datasource.username=" + TestPostgres.user(), "--spring.datasource.password=", "--server.port=" + port);

      long start = System.nanoTime();
      Process node = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      try {
        await(node, log, get(port, "/login", false), response -> response.statusCode() == 200);
        double took = BenchmarkReport.secondsSince(start);
        // the seeds are loaded after the web server opens: ready for work once a signed-in user sees the nine cases
        await(node, log, get(port, "/api/cases", true), response -> response.statusCode() == 200 && response.body().contains("/4.2\""));
        double seeded = BenchmarkReport.secondsSince(start);
        double ready = residentMb(node.pid());
        burst(port);
        double busy = residentMb(node.pid());
        seconds.add(took);
        seededSeconds.add(seeded);
        readyMb.add(ready);
        busyMb.add(busy);
        runs.append(String.format(Locale.ROOT, "| %d | %.1f s | %.1f s | %s | %.0f MB | %.0f MB |%n", run, took, seeded,
            springStarted(log), ready, busy));
      } finally {
        node.destroy(); // SIGTERM: Spring's graceful shutdown
        if (!node.waitFor(30, TimeUnit.SECONDS)) {
          node.destroyForcibly().waitFor();
        }
      }
    }

    double time = LifecycleBenchmark.median(seconds);
    double seededTime = LifecycleBenchmark.median(seededSeconds);
    double memory = LifecycleBenchmark.median(busyMb);
    List<Row> rows = List.of(
        Row.of("start-up to `/login` 200, seed data, median of " + STARTS, BenchmarkReport.seconds(time), "< 15 s",
            time < GOAL_SECONDS),
        Row.of("start-up to a signed-in user seeing the 9 seeded cases, median", BenchmarkReport.seconds(seededTime), "< 15 s",
            seededTime < GOAL_SECONDS),
        Row.info("resident memory when ready, median", String.format(Locale.ROOT, "%.0f MB", LifecycleBenchmark.median(readyMb))),
        Row.of("resident memory after " + BURST + " requests, median", String.format(Locale.ROOT, "%.0f MB", memory), "< 700 MB",
            memory < GOAL_MB));
    String details = "`java -jar " + jar + "` with no JVM options (as the "
        + "Dockerfile runs it; the JVM sizes its heap from the machine's RAM: maximum heap " + defaultMaxHeap() + " here), profiles postgres,demo, a fresh database "
        + "each time on the embedded PostgreSQL server of the test JVM, seeds/ as shipped (9 problems, 35 unit processes, "
        + "identities, filters, authorizations written at start-up). Time from starting the process to the first 200 of "
        + "`GET /login` (polled every 50 ms), and to the first `GET /api/cases` signed in (HTTP Basic) listing the seeded "
        + "cases: the seeds are loaded by an application runner after the web server opens; VmRSS of the JVM from /proc. Burst: " + BURST + " GETs signed in as the "
        + "organization department (HTTP Basic), round robin over " + String.join(", ", BURST_PATHS) + ".\n\n" + runs
        + "\nLogs: target/bench/startup-*.log.\n";
    BenchmarkReport.publish("startup", "Start-up time and memory (StartupBenchmark)", load, rows, details);
  }

  /** Polls {@code GET path} every 50 ms until {@code ready} accepts the answer. */
  private void await(Process node, Path log, HttpRequest request, Predicate<HttpResponse<String>> ready) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (true) {
      assertThat(node.isAlive()).as("the application stopped during start-up, see %s", log).isTrue();
      assertThat(System.nanoTime()).as("%s not ready after 3 minutes, see %s", request.uri(), log).isLessThan(deadline);
      try {
        if (ready.test(http.send(request, HttpResponse.BodyHandlers.ofString()))) {
          return;
        }
      } catch (ConnectException notListeningYet) {
        // the port opens late in start-up
      }
      node.waitFor(50, TimeUnit.MILLISECONDS); // the poll interval, ended early if the process exits
    }
  }

  private HttpRequest get(int port, String path, boolean signedIn) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30));
    if (signedIn) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("sup-orgdept:demo".getBytes(StandardCharsets.UTF_8)));
    }
    return request.build();
  }

  private void burst(int port) throws Exception {
    for (int i = 0; i < BURST; i++) {
      String path = BURST_PATHS.get(i % BURST_PATHS.size());
      assertThat(http.send(get(port, path, true), HttpResponse.BodyHandlers.discarding()).statusCode()).as(path).isEqualTo(200);
    }
  }

  private static double residentMb(long pid) throws IOException {
    Matcher rss = Pattern.compile("VmRSS:\\s+(\\d+) kB").matcher(Files.readString(Path.of("/proc", String.valueOf(pid), "status")));
    assertThat(rss.find()).as("VmRSS of %d", pid).isTrue();
    return Long.parseLong(rss.group(1)) / 1024.0;
  }

  /** The maximum heap a JVM started without options chooses on this machine. */
  private static String defaultMaxHeap() throws Exception {
    Process flags = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-XX:+PrintFlagsFinal", "-version")
        .redirectErrorStream(true).start();
    String output = new String(flags.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    flags.waitFor();
    Matcher max = Pattern.compile("MaxHeapSize\\s*=\\s*(\\d+)").matcher(output);
    return max.find() ? String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(max.group(1)) / 1024.0 / 1024 / 1024) : "?";
  }

  private static String springStarted(Path log) throws IOException {
    Matcher started = Pattern.compile("Started \\S+ in ([0-9.]+) seconds").matcher(Files.readString(log));
    return started.find() ? started.group(1) + " s" : "?";
  }

  private static Path jar() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files.filter(f -> f.getFileName().toString().matches("rectification-.*\\.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no target/rectification-*.jar: run the package phase first"));
    }
  }

}
