package cn.zhenggai.rectification.load;

import cn.zhenggai.rectification.casework.RegisterAgreement;
import cn.zhenggai.rectification.load.RequestLog.Kind;
import cn.zhenggai.rectification.load.RequestLog.Latencies;
import cn.zhenggai.rectification.load.RequestLog.Outcome;
import cn.zhenggai.rectification.load.RequestLog.Tally;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The load test's figures as markdown ({@code target/bench/load.md}). */
record LoadReport(
    String command,
    String machineLoad,
    int users,
    String crowd,
    Duration planned,
    Duration actual,
    int problems,
    int units,
    RequestLog log,
    int unitsAccepted,
    int problemsClosed,
    long failedJobs,
    long incidents,
    RegisterAgreement.Result agreement) {

  /** The steps in the order a case goes through them. */
  private static final Map<String, String> STEP_NAMES = new LinkedHashMap<>();

  static {
    STEP_NAMES.put(UnitRectificationProcess.TASK_DRAFT_PLAN, "制定整改方案 (draft plan)");
    STEP_NAMES.put(UnitRectificationProcess.TASK_REVIEW_PLAN, "审核整改方案 (review plan)");
    STEP_NAMES.put(UnitRectificationProcess.TASK_RECTIFY, "落实整改并报送完成情况 (report rectification)");
    STEP_NAMES.put(UnitRectificationProcess.TASK_ACCEPT_RECTIFICATION, "验收整改成效 (accept rectification)");
    STEP_NAMES.put(RectificationCaseProcess.TASK_CONFIRM_CLOSURE, "确认问题销号 (confirm closure)");
  }

  String markdown() {
    List<String> md = new ArrayList<>();
    double seconds = actual.toMillis() / 1000.0;
    md.add("# Load test: " + users + " users through the REST API");
    md.add("");
    md.add("`" + command + "` (class `RestApiLoad`), " + LocalDate.now() + ". Machine: "
        + Runtime.getRuntime().availableProcessors() + " cores (`Runtime.availableProcessors()`), max heap "
        + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB, Java " + System.getProperty("java.version")
        + "; the application, its embedded PostgreSQL and the simulated users on the same machine, over loopback; "
        + machineLoad + ".");
    md.add("");
    md.add("| users | run | problems / units seeded | requests | requests per second |");
    md.add("|---|---|---|---|---|");
    md.add("| " + users + " (" + crowd + ") | " + planned.toSeconds() + " s planned, " + String.format("%.1f", seconds)
        + " s until the last request returned | " + problems + " / " + units + " | " + log.total() + " | "
        + String.format("%.1f", log.total() / seconds) + " |");
    md.add("");
    md.add("Every user works without pause (no think time): list the office's tasks, claim one of the newest "
        + SimulatedUser.PICK_AMONG + ", complete it; HTTP Basic on every request.");
    md.add("");

    md.add("## Answers by kind");
    md.add("");
    md.add("| answer | " + String.join(" | ", labels()) + " | all |");
    md.add("|---|" + "---|".repeat(Kind.values().length + 1));
    for (Outcome outcome : Outcome.values()) {
      StringBuilder row = new StringBuilder("| " + outcome.label + " |");
      for (Kind kind : Kind.values()) {
        row.append(' ').append(log.count(kind, outcome)).append(" |");
      }
      md.add(row.append(' ').append(log.count(outcome)).append(" |").toString());
    }
    md.add("");
    if (!log.errors().isEmpty()) {
      md.add("| error answer | request | status | type | count | first message |");
      md.add("|---|---|---|---|---|---|");
      for (Tally error : log.errors()) {
        md.add("| " + error.outcome().label + " | " + error.kind().label + " | " + error.status() + " | " + error.type()
            + " | " + error.count() + " | " + cell(error.example()) + " |");
      }
      md.add("");
    }

    md.add("## Latency");
    md.add("");
    md.add("| request | count | p50 | p95 | p99 | max |");
    md.add("|---|---|---|---|---|---|");
    for (Kind kind : Kind.values()) {
      md.add(latencyRow(kind.label, log.latencies(kind)));
    }
    md.add(latencyRow("all", log.allLatencies()));
    md.add("");

    md.add("## Work done");
    md.add("");
    md.add("| step | tasks completed |");
    md.add("|---|---|");
    STEP_NAMES.forEach((step, name) -> md.add("| " + name + " | " + log.completedSteps().getOrDefault(step, 0) + " |"));
    md.add("");
    md.add("- units accepted (单位整改已验收): " + unitsAccepted + " of " + units);
    md.add("- problems closed (问题已销号): " + problemsClosed + " of " + problems);
    md.add("- jobs failed after the run: " + failedJobs + ", incidents: " + incidents);
    md.add("- register agrees with engine: " + (agreement.agrees() ? "yes" : "**no**") + " (" + agreement.unitsChecked()
        + " units and " + agreement.problemsChecked() + " problems checked against the engine's tasks and instances)");
    agreement.mismatches().stream().limit(20).forEach(mismatch -> md.add("  - " + mismatch));
    return String.join("\n", md) + "\n";
  }

  private static List<String> labels() {
    List<String> labels = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      labels.add(kind.label);
    }
    return labels;
  }

  private static String latencyRow(String name, Latencies latencies) {
    return "| " + name + " | " + latencies.size() + " | " + ms(latencies.percentileMillis(50)) + " | "
        + ms(latencies.percentileMillis(95)) + " | " + ms(latencies.percentileMillis(99)) + " | "
        + ms(latencies.percentileMillis(100)) + " |";
  }

  /** Text in a table cell: one line, no column breaks, at most 200 characters. */
  private static String cell(String text) {
    String line = text.replace('\n', ' ').replace("|", "\\|");
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }

  private static String ms(double millis) {
    return String.format("%.1f ms", millis);
  }
}
