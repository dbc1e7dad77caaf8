package cn.zhenggai.rectification.bench;

import static cn.zhenggai.rectification.bench.BenchProblems.SECRETARIES;
import static cn.zhenggai.rectification.bench.BenchProblems.SUPERVISOR;
import static org.awaitility.Awaitility.await;

import cn.zhenggai.rectification.casework.CaseDriver;
import cn.zhenggai.rectification.problem.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Drives problems through the whole lifecycle on one engine, step by step for all of them (open the case, submit
 * every unit's plan, approve it, submit the report, accept it, confirm the closure, after which the case waits for its
 * look-back months ahead), each step through
 * {@link CaseDriver} as the users do it (sign in, claim, complete with the form's variables; on the application a
 * report goes with an evidence file, uploaded as Tasklist uploads it). The same code drives
 * both variants; only the engine and the way a case is opened differ.
 */
final class LifecycleRun {

  private final CaseDriver driver;
  private final Consumer<Problem> opener;
  private final int threads;
  private final Map<String, Double> stepSeconds = new LinkedHashMap<>();

  /** {@code driver}: with evidence uploads on the application (a report needs a file), without on bare Camunda. */
  LifecycleRun(CaseDriver driver, Consumer<Problem> opener, int threads) {
    this.driver = driver;
    this.opener = opener;
    this.threads = threads;
  }

  /** Returns the seconds from the first case opened to the last one closed. */
  double run(List<Problem> problems) {
    stepSeconds.clear();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long start = System.nanoTime();
      step(pool, "open case", problems, opener);
      step(pool, "submit plan", problems, p -> eachUnit(p, unit -> driver.submitPlan(p.id(), unit, SECRETARIES.get(unit))));
      step(pool, "approve plan", problems, p -> eachUnit(p, unit -> driver.reviewPlan(p.id(), unit, SUPERVISOR, true, null)));
      // the evidence upload is timed on its own (bare Camunda has nothing like it: 0 s there), and counts in the total
      step(pool, "upload evidence", problems, p -> eachUnit(p, unit -> {
        if (driver.uploadsEvidence()) {
          driver.attachEvidence(p.id(), unit, SECRETARIES.get(unit));
        }
      }));
      step(pool, "submit report", problems, p -> eachUnit(p, unit -> driver.completeReport(p.id(), unit, SECRETARIES.get(unit))));
      step(pool, "accept rectification", problems,
          p -> eachUnit(p, unit -> driver.acceptRectification(p.id(), unit, SUPERVISOR, true, null)));
      // the units' ends are joined by the job executor (asyncAfter): wait for each closure task as a supervisor would
      step(pool, "confirm closure", problems, p -> {
        await().pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).atMost(Duration.ofMinutes(10))
            .until(() -> driver.closureTask(p.id()) != null);
        driver.confirmClosure(p.id(), SUPERVISOR);
      });
      return BenchmarkReport.secondsSince(start);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Seconds per step of the last run. */
  Map<String, Double> stepSeconds() {
    return stepSeconds;
  }

  private void step(ExecutorService pool, String name, List<Problem> problems, Consumer<Problem> action) {
    long start = System.nanoTime();
    List<Future<?>> slices = new ArrayList<>();
    for (List<Problem> slice : BenchProblems.slices(problems, threads)) {
      slices.add(pool.submit(() -> slice.forEach(action)));
    }
    try {
      for (Future<?> slice : slices) {
        slice.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("step '" + name + "' failed", e.getCause());
    }
    stepSeconds.put(name, BenchmarkReport.secondsSince(start));
  }

  private static void eachUnit(Problem problem, Consumer<String> action) {
    problem.units().forEach(action);
  }
}
