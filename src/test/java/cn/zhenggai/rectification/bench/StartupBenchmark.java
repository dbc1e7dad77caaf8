package cn.zhenggai.rectification.bench;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.FreePort;
import cn.zhenggai.rectification.ImageEnvironment;
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
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Not a test: a benchmark, run with {@code ./mvnw verify -Pbenchmark} (after {@code package}, which builds the jar).
 * Starts the packaged application as the image does (the JVM options and environment the Dockerfile sets, which the
 * README recommends, and its class-data archive: the jar extracted, one training run; profiles postgres,demo) on a
 * fresh PostgreSQL database with the real seed files, {@code bench.startups} times (default 3): the time from starting
 * the process to readiness ({@code /actuator/health/readiness} answering 200), to {@code /login} answering 200 and to a
 * signed-in user seeing a seeded case, and the resident memory of the JVM (VmRSS) when ready and after a burst of
 * signed-in requests. Medians; then once more on the last start's database, as a node restarts (schema and seeds
 * there). {@code -Dbench.jvmArgs="…"}, {@code -Dbench.env="NAME=value …"} (empty: none) and
 * {@code -Dbench.cds=false} measure other choices.
 */
class StartupBenchmark {

  static final int STARTS = Integer.getInteger("bench.startups", 3);
  static final int BURST = 200;
  static final double GOAL_SECONDS = 10;
  static final double GOAL_MB = 600;
  private static final List<String> BURST_PATHS = List.of("/api/cases", "/api/cases/2022-SZPY/1.1", "/api/ledger/overview",
      "/supervision/", "/supervision/ledger");
  /** A case of the seeds: once it answers, a signed-in user sees the seeded cases. */
  private static final String SEEDED_CASE = "/api/cases/2022-SZPY/4.2";

  private static final Path CDS = BenchmarkReport.DIR.resolve("cds");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void startUpTimeAndResidentMemory() throws Exception {
    String load = BenchmarkReport.loadAverage();
    Path jar = jar();
    Map<String, String> image = ImageEnvironment.of(Path.of("Dockerfile"));
    List<String> jvmArgs = words(System.getProperty("bench.jvmArgs", image.getOrDefault("JAVA_TOOL_OPTIONS", "")));
    Map<String, String> environment = environment(System.getProperty("bench.env", imageEnvironment(image)));
    boolean cds = Boolean.parseBoolean(System.getProperty("bench.cds",
        String.valueOf(Files.readString(Path.of("Dockerfile")).contains("-XX:SharedArchiveFile"))));
    List<String> launch = new ArrayList<>(jvmArgs);
    String training = "";
    if (cds) {
      training = train(jar, jvmArgs, environment);
      launch.add("-XX:SharedArchiveFile=" + CDS.resolve("app.jsa"));
      jar = CDS.resolve("app.jar");
    }
    List<Double> readySeconds = new ArrayList<>();
    List<Double> loginSeconds = new ArrayList<>();
    List<Double> seededSeconds = new ArrayList<>();
    List<Double> cpuSeconds = new ArrayList<>();
    List<Double> readyMb = new ArrayList<>();
    List<Double> busyMb = new ArrayList<>();
    StringBuilder runs = new StringBuilder("| start | to `/login` 200 | to readiness UP | to a seeded case, signed in "
        + "| Spring's \"Started … in\" | CPU time until ready | RSS when ready | RSS after " + BURST + " requests |\n"
        + "|---|---|---|---|---|---|---|---|\n");
    String database = null;
    for (int run = 1; run <= STARTS; run++) {
      database = TestPostgres.newDatabase("bench_startup_" + run);
      Measured first = measure(launch, jar, database, environment, BenchmarkReport.DIR.resolve("startup-" + run + ".log"));
      loginSeconds.add(first.login());
      readySeconds.add(first.ready());
      seededSeconds.add(first.seeded());
      cpuSeconds.add(first.cpu());
      readyMb.add(first.readyMb());
      busyMb.add(first.busyMb());
      runs.append(first.row(String.valueOf(run)));
    }
    // a node restarted: the schema migrated and the seeds loaded by the last start, as on every start but the first
    Measured restart = measure(launch, jar, database, environment, BenchmarkReport.DIR.resolve("startup-restart.log"));
    runs.append(restart.row("restart on the last start's database"));

    double ready = LifecycleBenchmark.median(readySeconds);
    double memory = LifecycleBenchmark.median(busyMb);
    String options = (jvmArgs.isEmpty() ? "no JVM options" : "JVM options `" + String.join(" ", jvmArgs) + "`")
        + (environment.isEmpty() ? "" : ", environment `" + environmentText(environment) + "`")
        + (cds ? ", class-data archive" : "");
    List<Row> rows = List.of(
        Row.of("start-up to readiness UP, seed data, median of " + STARTS + " (" + options + ")", BenchmarkReport.seconds(ready),
            "< 10 s", ready < GOAL_SECONDS),
        Row.info("restart on a database already migrated and seeded, to readiness UP (one start)",
            BenchmarkReport.seconds(restart.ready())),
        Row.info("start-up to `/login` 200, median", BenchmarkReport.seconds(LifecycleBenchmark.median(loginSeconds))),
        Row.info("start-up to a signed-in user seeing a seeded case, median",
            BenchmarkReport.seconds(LifecycleBenchmark.median(seededSeconds))),
        Row.info("CPU time of the JVM until ready (user + system; less dependent on the machine's load), median",
            BenchmarkReport.seconds(LifecycleBenchmark.median(cpuSeconds))),
        Row.info("resident memory when ready, median", String.format(Locale.ROOT, "%.0f MB", LifecycleBenchmark.median(readyMb))),
        Row.of("resident memory after " + BURST + " requests, median", String.format(Locale.ROOT, "%.0f MB", memory), "< 600 MB",
            memory < GOAL_MB));
    String details = "`" + environmentText(environment) + (environment.isEmpty() ? "" : " ") + "java "
        + String.join(" ", launch) + (launch.isEmpty() ? "" : " ") + "-jar " + jar + "` ("
        + (Stream.of("bench.jvmArgs", "bench.env", "bench.cds").noneMatch(key -> System.getProperty(key) != null)
            ? "as the Dockerfile runs it, as the README recommends" : "given with -Dbench.jvmArgs / -Dbench.env / -Dbench.cds")
        + training
        + "; a JVM started without options chooses a maximum heap of " + defaultMaxHeap() + " here), profiles postgres,demo, "
        + "a fresh database each time on the embedded PostgreSQL server of the test JVM (then one restart on the last "
        + "start's database), seeds/ as shipped (9 problems, "
        + "35 unit processes, identities, filters, authorizations written at start-up). Times from starting the process, "
        + "each polled every 50 ms: the first 200 of `GET /login` (the web server is open), of `GET /actuator/health/readiness` "
        + "(the start-up work is done: seeds, accounts, filters, grants; until then 503) and of `GET " + SEEDED_CASE
        + "` signed in (HTTP Basic); VmRSS and CPU time of the JVM from /proc. Burst: " + BURST + " GETs signed in as the organization "
        + "department (HTTP Basic), round robin over " + String.join(", ", BURST_PATHS) + ".\n\n" + runs
        + "\nLogs: target/bench/startup-*.log.\n";
    BenchmarkReport.publish("startup", "Start-up time and memory (StartupBenchmark)", load, rows, details);
  }

  /** One start's figures: seconds from starting the process, CPU seconds, resident megabytes, Spring's own figure. */
  private record Measured(double login, double ready, double seeded, double cpu, double readyMb, double busyMb,
      String springStarted) {

    String row(String start) {
      return String.format(Locale.ROOT, "| %s | %.1f s | %.1f s | %.1f s | %s | %.1f s | %.0f MB | %.0f MB |%n", start, login,
          ready, seeded, springStarted, cpu, readyMb, busyMb);
    }
  }

  /** Starts the application on {@code database}, times it to each answer, then measures its memory after a burst. */
  private Measured measure(List<String> launch, Path jar, String database, Map<String, String> environment, Path log)
      throws Exception {
    int port = FreePort.next();
    Files.createDirectories(log.getParent());
    long start = System.nanoTime();
    Process node = start(launch, jar, database, port, environment, log);
    try {
      await(node, log, get(port, "/login", false), response -> response.statusCode() == 200);
      double login = BenchmarkReport.secondsSince(start);
      // the seeds are loaded after the web server opens; the node is ready once they are (StartUpGate)
      await(node, log, get(port, "/actuator/health/readiness", false), response -> response.statusCode() == 200);
      double ready = BenchmarkReport.secondsSince(start);
      await(node, log, get(port, SEEDED_CASE, true), response -> response.statusCode() == 200);
      double seeded = BenchmarkReport.secondsSince(start);
      double cpu = cpuSeconds(node.pid());
      double readyRss = residentMb(node.pid());
      burst(port);
      return new Measured(login, ready, seeded, cpu, readyRss, residentMb(node.pid()), springStarted(log));
    } finally {
      node.destroy(); // SIGTERM: Spring's graceful shutdown
      if (!node.waitFor(30, TimeUnit.SECONDS)) {
        node.destroyForcibly().waitFor();
      }
    }
  }

  /** The application with its database and port, its output into {@code log}. */
  private static Process start(List<String> jvmArgs, Path jar, String database, int port, Map<String, String> environment,
      Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvmArgs);
    command.addAll(List.of("-jar", jar.toString(),
        "--spring.profiles.active=postgres,demo", "--spring.datasource.url=" + database,
        "--spring.datasource.username=" + TestPostgres.user(), "--spring.datasource.password=", "--server.port=" + port));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    return builder.start();
  }

  /**
   * The class-data archive as the image makes it (Spring Boot's documented steps): the jar extracted, one run that stops
   * once the context is refreshed and writes the classes it loaded into {@code app.jsa}; here on a fresh PostgreSQL
   * database (the image's build has only H2).
   */
  private static String train(Path jar, List<String> jvmArgs, Map<String, String> environment) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Files.createDirectories(CDS);
    Path log = BenchmarkReport.DIR.resolve("startup-training.log");
    Process extract = new ProcessBuilder(java, "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination",
        CDS.toString(), "--application-filename", "app.jar", "--force").redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(extract.waitFor()).as("extracting %s, see %s", jar, log).isZero();
    Files.deleteIfExists(CDS.resolve("app.jsa"));
    List<String> trainingArgs = new ArrayList<>(jvmArgs);
    trainingArgs.addAll(List.of("-XX:ArchiveClassesAtExit=" + CDS.resolve("app.jsa"), "-Dspring.context.exit=onRefresh"));
    long start = System.nanoTime();
    Process run = start(trainingArgs, CDS.resolve("app.jar"), TestPostgres.newDatabase("bench_startup_training"), FreePort.next(),
        environment, log);
    assertThat(run.waitFor(5, TimeUnit.MINUTES)).as("the training run ends, see %s", log).isTrue();
    assertThat(CDS.resolve("app.jsa")).as("the training run's archive, see %s", log).exists();
    return String.format(Locale.ROOT, "; the archive made beforehand by one training run in %.1f s, %.0f MB",
        BenchmarkReport.secondsSince(start), Files.size(CDS.resolve("app.jsa")) / 1024.0 / 1024);
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

  private static List<String> words(String text) {
    return Arrays.stream(text.trim().split("\\s+")).filter(word -> !word.isEmpty()).toList();
  }

  /** The image's environment apart from the JVM options, as {@code NAME=value …}. */
  private static String imageEnvironment(Map<String, String> image) {
    Map<String, String> rest = new LinkedHashMap<>(image);
    rest.remove("JAVA_TOOL_OPTIONS");
    return environmentText(rest);
  }

  private static Map<String, String> environment(String text) {
    Map<String, String> environment = new LinkedHashMap<>();
    for (String pair : words(text)) {
      String[] nameAndValue = pair.split("=", 2);
      assertThat(nameAndValue).as("bench.env entry %s is NAME=value", pair).hasSize(2);
      environment.put(nameAndValue[0], nameAndValue[1]);
    }
    return environment;
  }

  private static String environmentText(Map<String, String> environment) {
    return String.join(" ", environment.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
  }

  private static double residentMb(long pid) throws IOException {
    Matcher rss = Pattern.compile("VmRSS:\\s+(\\d+) kB").matcher(Files.readString(Path.of("/proc", String.valueOf(pid), "status")));
    assertThat(rss.find()).as("VmRSS of %d", pid).isTrue();
    return Long.parseLong(rss.group(1)) / 1024.0;
  }

  /** User and system CPU time of a process so far ({@code /proc/<pid>/stat}, in clock ticks of 1/100 s). */
  private static double cpuSeconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // after "pid (name) ": the state is field 3
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0; // utime, stime: fields 14 and 15
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
