package cn.zhenggai.rectification.load;

import cn.zhenggai.rectification.bench.BenchmarkReport;
import cn.zhenggai.rectification.bench.BenchmarkReport.Row;
import cn.zhenggai.rectification.casework.RegisterAgreement;
import cn.zhenggai.rectification.load.RequestLog.Kind;
import cn.zhenggai.rectification.load.RequestLog.Latencies;
import cn.zhenggai.rectification.load.RequestLog.Outcome;
import cn.zhenggai.rectification.load.RequestLog.Tally;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The load test's figures: {@code target/bench/load.md} and the load's rows in {@code target/bench/results.md}
 * (through {@link BenchmarkReport}). The first step is the goal's (p95 under 300 ms per kind); in the capacity mode
 * the steps that follow add users until the task list's p95 passes 1 s.
 */
record LoadReport(
    String command,
    String loadAtStart,
    String loadAtEnd,
    String setUp,
    List<Step> steps,
    RequestLog ramps,
    int problems,
    int units,
    int unitsAccepted,
    int problemsClosed,
    long failedJobs,
    long incidents,
    RegisterAgreement.Result agreement) {

  static final double GOAL_MILLIS = 300;
  static final double CAPACITY_MILLIS = 1000;

  /** The users working during one measured stretch, after they all had signed in. */
  record Step(int users, Duration measured, RequestLog log) {
    double p95(Kind kind) {
      return log.latencies(kind).percentileMillis(95);
    }

    boolean listPassesCapacity() {
      return p95(Kind.LIST) > CAPACITY_MILLIS;
    }
  }

  /** The steps in the order a case goes through them. */
  private static final Map<String, String> STEP_NAMES = new LinkedHashMap<>();

  static {
    STEP_NAMES.put(UnitRectificationProcess.TASK_DRAFT_PLAN, "制定整改方案 (draft plan)");
    STEP_NAMES.put(UnitRectificationProcess.TASK_REVIEW_PLAN, "审核整改方案 (review plan)");
    STEP_NAMES.put(UnitRectificationProcess.TASK_RECTIFY, "落实整改并报送完成情况 (report rectification)");
    STEP_NAMES.put(UnitRectificationProcess.TASK_ACCEPT_RECTIFICATION, "验收整改成效 (accept rectification)");
    STEP_NAMES.put(RectificationCaseProcess.TASK_CONFIRM_CLOSURE, "确认问题销号 (confirm closure)");
  }

  long serverErrors() {
    return ramps.count(Outcome.SERVER_ERROR) + steps.stream().mapToLong(step -> step.log().count(Outcome.SERVER_ERROR)).sum();
  }

  /** The first number of users at which the task list's p95 passed 1 s, if a step reached it. */
  OptionalInt capacity() {
    return steps.stream().filter(Step::listPassesCapacity).mapToInt(Step::users).findFirst();
  }

  void publish() {
    Step goal = steps.get(0);
    String users = goal.users() + " users";
    List<Row> rows = new ArrayList<>();
    for (Kind kind : Kind.WORK) {
      int answered = goal.log().latencies(kind).size();
      rows.add(Row.of("load, " + users + ", 2 nodes: " + kind.label + " p95",
          answered == 0 ? "none in the measured stretch" : ms(goal.p95(kind)), "< 300 ms",
          answered > 0 && goal.p95(kind) < GOAL_MILLIS));
    }
    rows.add(Row.info("load, " + users + ": all requests p95 (" + perSecond(goal) + ")",
        ms(goal.log().allLatencies().percentileMillis(95))));
    rows.add(Row.of("load: 5xx answers", Long.toString(serverErrors()), "0", serverErrors() == 0));
    rows.add(Row.of("load: failed jobs, incidents", failedJobs + ", " + incidents, "0, 0", failedJobs + incidents == 0));
    rows.add(Row.of("load: register agrees with engine", agreement.agrees() ? "yes" : "no", "yes", agreement.agrees()));
    if (steps.size() > 1) {
      Step last = steps.get(steps.size() - 1);
      rows.add(Row.info("load: capacity (users at which the task list's p95 passes 1 s)", capacity().isPresent()
          ? capacity().getAsInt() + " (task list p95 " + ms(last.p95(Kind.LIST)) + ")"
          : "over " + last.users() + " (task list p95 " + ms(last.p95(Kind.LIST)) + " there)"));
    }
    BenchmarkReport.publish("load", "Load: users with think time on two nodes (RestApiLoad)", command, loadAtStart, rows,
        details());
  }

  private String details() {
    List<String> md = new ArrayList<>();
    md.add("Machine: " + BenchmarkReport.machine() + "; load average " + loadAtStart + " at the start, " + loadAtEnd
        + " at the end (1 / 5 / 15 min). " + setUp);
    md.add("");
    md.add("### Steps");
    md.add("");
    md.add("| users | measured | requests | per second | list p50 | list p95 | list p99 | claim p95 | complete p95 | all p95 | 5xx |");
    md.add("|---|---|---|---|---|---|---|---|---|---|---|");
    for (Step step : steps) {
      Latencies list = step.log().latencies(Kind.LIST);
      md.add("| " + step.users() + " | " + step.measured().toSeconds() + " s | " + step.log().total() + " | "
          + perSecond(step) + " | " + ms(list.percentileMillis(50)) + " | " + ms(list.percentileMillis(95)) + " | "
          + ms(list.percentileMillis(99)) + " | " + ms(step.p95(Kind.CLAIM)) + " | " + ms(step.p95(Kind.COMPLETE)) + " | "
          + ms(step.log().allLatencies().percentileMillis(95)) + " | " + step.log().count(Outcome.SERVER_ERROR) + " |");
    }
    md.add("");
    if (steps.size() > 1) {
      md.add(capacity().isPresent()
          ? "**Capacity of this machine: " + capacity().getAsInt() + " users** (the first step at which the task list's p95 passed 1 s)."
          : "The task list's p95 stayed under 1 s up to " + steps.get(steps.size() - 1).users() + " users (the last step run).");
      md.add("");
    }
    for (Step step : steps) {
      md.add("### " + step.users() + " users");
      md.add("");
      md.addAll(answers(step.log()));
      md.add("| request | count | p50 | p95 | p99 | max |");
      md.add("|---|---|---|---|---|---|");
      for (Kind kind : Kind.WORK) {
        md.add(latencyRow(kind.label, step.log().latencies(kind)));
      }
      md.add(latencyRow("all", step.log().allLatencies()));
      md.add("");
    }
    md.add("### Ramps (users signing in; not in the steps' figures)");
    md.add("");
    md.add("| request | count | p50 | p95 | p99 | max |");
    md.add("|---|---|---|---|---|---|");
    for (Kind kind : Kind.values()) {
      md.add(latencyRow(kind.label, ramps.latencies(kind)));
    }
    md.add("");
    md.addAll(answers(ramps));
    md.add("### Work done (the whole run)");
    md.add("");
    md.add("| step | tasks completed |");
    md.add("|---|---|");
    STEP_NAMES.forEach((step, name) -> md.add("| " + name + " | " + completed(step) + " |"));
    md.add("");
    md.add("- units accepted (单位整改已验收): " + unitsAccepted + " of " + units);
    md.add("- problems closed (问题已销号): " + problemsClosed + " of " + problems);
    md.add("- jobs failed after the run: " + failedJobs + ", incidents: " + incidents);
    md.add("- register agrees with engine: " + (agreement.agrees() ? "yes" : "**no**") + " (" + agreement.unitsChecked()
        + " units and " + agreement.problemsChecked() + " problems checked against the engine's tasks and instances)");
    agreement.mismatches().stream().limit(20).forEach(mismatch -> md.add("  - " + mismatch));
    return String.join("\n", md) + "\n";
  }

  private int completed(String step) {
    return ramps.completedSteps().getOrDefault(step, 0)
        + steps.stream().mapToInt(s -> s.log().completedSteps().getOrDefault(step, 0)).sum();
  }

  private static List<String> answers(RequestLog log) {
    List<String> md = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      labels.add(kind.label);
    }
    md.add("| answer | " + String.join(" | ", labels) + " | all |");
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
    return md;
  }

  private static String perSecond(Step step) {
    return String.format(Locale.ROOT, "%.1f/s", step.log().total() / (double) Math.max(1, step.measured().toSeconds()));
  }

  private static String latencyRow(String name, Latencies latencies) {
    return "| " + name + " | " + latencies.size() + " | " + ms(latencies.percentileMillis(50)) + " | "
        + ms(latencies.percentileMillis(95)) + " | " + ms(latencies.percentileMillis(99)) + " | "
        + ms(latencies.percentileMillis(100)) + " |";
  }

  /** Text in a table cell: one line, no column breaks, at most 200 characters. */
  private static String cell(String text) {
    String line = String.valueOf(text).replace('\n', ' ').replace("|", "\\|");
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }

  private static String ms(double millis) {
    return String.format(Locale.ROOT, "%.0f ms", millis);
  }
}
