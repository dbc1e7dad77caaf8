package cn.zhenggai.rectification.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every request the simulated users made in one stretch of the run (the ramp, a step of users): what kind, how it was
 * answered, how long it took; and the tasks completed by step. Shared by all users: answers arrive on the HTTP
 * client's threads, a few dozen a second, so one lock is no bottleneck.
 */
final class RequestLog {

  enum Kind {
    LIST("list tasks"),
    CLAIM("claim"),
    COMPLETE("complete"),
    /** The sign-in page, the form and Tasklist's page (hands out the XSRF token): once per user, not in "all". */
    SIGN_IN("sign in");

    /** What a signed-in user does all day: the kinds the goal is about. */
    static final List<Kind> WORK = List.of(LIST, CLAIM, COMPLETE);

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  enum Outcome {
    OK("2xx success"),
    CONFLICT("409 conflict (someone else's change won; clear message, the user refreshes)"),
    GONE("404 task gone (a colleague completed it first)"),
    REFUSED("400 refused input"),
    SERVER_ERROR("5xx server error"),
    OTHER("other (401/403, no answer, ...)");

    final String label;

    Outcome(String label) {
      this.label = label;
    }

    static Outcome of(int status) {
      if (status >= 200 && status < 300) {
        return OK;
      }
      return switch (status) {
        case 409 -> CONFLICT;
        case 404 -> GONE;
        case 400 -> REFUSED;
        default -> status >= 500 && status < 600 ? SERVER_ERROR : OTHER;
      };
    }
  }

  /**
   * Answers of one kind to one kind of request, by status and error type (the {@code type} of the JSON body), with
   * the first such answer's message as the example.
   */
  record Tally(Outcome outcome, Kind kind, int status, String type, String example, int count) {

    Tally plus(int n) {
      return new Tally(outcome, kind, status, type, example, count + n);
    }
  }

  private final Map<Kind, Latencies> latencies = new EnumMap<>(Kind.class);
  private final Map<Kind, Map<Outcome, Integer>> counts = new EnumMap<>(Kind.class);
  private final Map<String, Tally> errors = new TreeMap<>();
  private final Map<String, Integer> completedSteps = new TreeMap<>();

  RequestLog() {
    for (Kind kind : Kind.values()) {
      latencies.put(kind, new Latencies());
      counts.put(kind, new EnumMap<>(Outcome.class));
    }
  }

  /** A request and its answer: {@code status} -1 when none came; {@code type} and {@code message} of an error. */
  synchronized void record(Kind kind, int status, long nanos, String type, String message) {
    latencies.get(kind).add(nanos);
    Outcome outcome = Outcome.of(status);
    counts.get(kind).merge(outcome, 1, Integer::sum);
    if (outcome != Outcome.OK) {
      Tally first = new Tally(outcome, kind, status, type, message, 1);
      errors.merge(key(first), first, (seen, again) -> seen.plus(1));
    }
  }

  private static String key(Tally tally) {
    return tally.outcome().ordinal() + "/" + tally.kind().ordinal() + "/" + tally.status() + "/" + tally.type();
  }

  synchronized void completed(String taskDefinitionKey) {
    completedSteps.merge(taskDefinitionKey, 1, Integer::sum);
  }

  /** Adds what another stretch logged (one that has ended: nothing is recorded there any more). */
  synchronized void addAll(RequestLog other) {
    synchronized (other) {
      other.latencies.forEach((kind, values) -> latencies.get(kind).addAll(values));
      other.counts.forEach((kind, byOutcome) ->
          byOutcome.forEach((outcome, n) -> counts.get(kind).merge(outcome, n, Integer::sum)));
      other.errors.forEach((key, tally) -> errors.merge(key, tally, (seen, again) -> seen.plus(again.count())));
      other.completedSteps.forEach((step, n) -> completedSteps.merge(step, n, Integer::sum));
    }
  }

  /** Requests of the {@link Kind#WORK work kinds}. */
  synchronized long total() {
    return Kind.WORK.stream().mapToLong(this::count).sum();
  }

  synchronized long count(Kind kind) {
    return counts.get(kind).values().stream().mapToLong(Integer::longValue).sum();
  }

  synchronized long count(Kind kind, Outcome outcome) {
    return counts.get(kind).getOrDefault(outcome, 0);
  }

  synchronized long count(Outcome outcome) {
    return Arrays.stream(Kind.values()).mapToLong(kind -> count(kind, outcome)).sum();
  }

  /** Every kind of error answer, in the order of {@link Outcome}, then {@link Kind}, then status. */
  synchronized List<Tally> errors() {
    return new ArrayList<>(errors.values());
  }

  synchronized Map<String, Integer> completedSteps() {
    return new LinkedHashMap<>(completedSteps);
  }

  synchronized Latencies latencies(Kind kind) {
    return latencies.get(kind);
  }

  /** The latencies of the {@link Kind#WORK work kinds} together. */
  synchronized Latencies allLatencies() {
    Latencies all = new Latencies();
    Kind.WORK.forEach(kind -> all.addAll(latencies.get(kind)));
    return all;
  }

  /** Request durations in nanoseconds, with nearest-rank percentiles. */
  static final class Latencies {

    private long[] values = new long[1024];
    private int size;

    void add(long nanos) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = nanos;
    }

    void addAll(Latencies other) {
      for (int i = 0; i < other.size; i++) {
        add(other.values[i]);
      }
    }

    int size() {
      return size;
    }

    /** The {@code percent} percentile in milliseconds (100 = the maximum); 0 when nothing was recorded. */
    double percentileMillis(double percent) {
      if (size == 0) {
        return 0;
      }
      long[] sorted = Arrays.copyOf(values, size);
      Arrays.sort(sorted);
      int rank = (int) Math.ceil(percent / 100.0 * size);
      return sorted[Math.max(0, Math.min(size, rank) - 1)] / 1_000_000.0;
    }
  }
}
