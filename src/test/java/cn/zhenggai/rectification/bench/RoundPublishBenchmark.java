package cn.zhenggai.rectification.bench;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.bench.BenchmarkReport.Row;
import cn.zhenggai.rectification.rounds.Actor;
import cn.zhenggai.rectification.rounds.DraftProblem;
import cn.zhenggai.rectification.rounds.RoundForm;
import cn.zhenggai.rectification.rounds.RoundPublishing;
import cn.zhenggai.rectification.rounds.Rounds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Not a test: a benchmark, run with {@code ./mvnw verify -Pbenchmark}. Publishes a round of {@code bench.roundProblems}
 * problems (default 50) × {@code bench.roundUnits} units (default 20) — 1,000 unit cases, each with its first task, its
 * reminder timers and its new-task notice — in the application on PostgreSQL, {@code bench.roundPublishes} times
 * (default 3), each a new round. Goal: under 60 s.
 */
class RoundPublishBenchmark extends PostgresApplicationTest {

  static final int PROBLEMS = Integer.getInteger("bench.roundProblems", 50);
  static final int UNITS = Integer.getInteger("bench.roundUnits", 20);
  static final int PUBLISHES = Integer.getInteger("bench.roundPublishes", 3);
  static final double GOAL_SECONDS = 60;
  static final Actor SUPERVISOR = new Actor("sup-orgdept", "赵明远");

  @Autowired Rounds rounds;
  @Autowired RoundPublishing publishing;
  @Autowired JdbcTemplate jdbc;

  /** The seed organization with units added up to {@link #UNITS}, each with a secretary to notify. */
  @DynamicPropertySource
  static void organizationWithMoreUnits(DynamicPropertyRegistry registry) {
    try {
      String seed = Files.readString(Path.of("seeds/organization.yaml"));
      StringBuilder groups = new StringBuilder("groups:\n");
      StringBuilder users = new StringBuilder("users:\n");
      for (int i = 1; i <= UNITS - 5; i++) {
        groups.append("  - id: bench-unit-").append(i).append("\n    name: 测试乡镇党委").append(i).append("\n    role: unit\n");
        users.append("  - id: sec-bench-").append(i).append("\n    name: 书记").append(i).append("\n    title: 党委书记\n")
            .append("    email: sec-bench-").append(i).append("@example.org\n    groups: [bench-unit-").append(i).append("]\n");
      }
      Path file = BenchmarkReport.DIR.resolve("organization-" + UNITS + "-units.yaml");
      Files.createDirectories(file.getParent());
      Files.writeString(file, seed.replace("groups:\n", groups.toString()).replace("users:\n", users.toString()));
      registry.add("rectification.seeds.organization", file::toString);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void publishingARoundOfAThousandUnitCases() {
    String load = BenchmarkReport.loadAverage();
    List<String> units = new ArrayList<>(List.of("street-chengguan", "street-dongcheng", "street-xicheng", "organs", "education"));
    IntStream.rangeClosed(1, UNITS - 5).forEach(i -> units.add("bench-unit-" + i));
    List<Double> seconds = new ArrayList<>();
    for (int run = 1; run <= PUBLISHES; run++) {
      String code = rounds.create(new RoundForm("BENCH-" + run, "基准测试批次 " + run, "专项督查", LocalDate.of(2026, 1, run),
          LocalDate.of(2027, 12, 31)), SUPERVISOR);
      List<DraftProblem> list = new ArrayList<>();
      for (int p = 1; p <= PROBLEMS; p++) {
        list.add(new DraftProblem((p / 10 + 1) + "." + (p % 10 + 1), "基准测试类别", "基准测试问题 " + p, "原文 " + p, null, null,
            List.of("措施一", "措施二"), units, List.of("org-dept"), LocalDate.of(2027, 12, 31), null));
      }
      rounds.saveProblems(code, list, SUPERVISOR);
      long start = System.nanoTime();
      assertThat(publishing.publish(code, SUPERVISOR)).isEqualTo(PROBLEMS);
      seconds.add(BenchmarkReport.secondsSince(start));
      assertThat(jdbc.queryForObject("select count(*) from case_unit where problem_id like ?", Long.class, code + "/%"))
          .isEqualTo((long) PROBLEMS * UNITS);
    }
    List<Double> sorted = new ArrayList<>(seconds);
    Collections.sort(sorted);
    double median = sorted.get(sorted.size() / 2);
    int cases = PROBLEMS * UNITS;
    BenchmarkReport.publish("round-publish", "Publishing a round (RoundPublishBenchmark)", load, List.of(
        Row.of("publish " + PROBLEMS + " problems × " + UNITS + " units (" + cases + " unit cases), median of " + PUBLISHES,
            BenchmarkReport.seconds(median), "< " + (int) GOAL_SECONDS + " s", median < GOAL_SECONDS),
        Row.info("per unit case", String.format(Locale.ROOT, "%.1f ms", median * 1000 / cases))),
        "Each publish is one transaction: " + PROBLEMS + " case processes and " + cases + " unit processes started, each unit's "
            + "first task with its four reminder timers and a new-task notice recorded. Runs: " + seconds.stream()
            .map(BenchmarkReport::seconds).toList() + ".");
  }
}
