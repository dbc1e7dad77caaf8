package cn.zhenggai.rectification.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.PostgresApplicationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Not a test: a benchmark, run with {@code ./mvnw verify -Pbenchmark} (heap capped at 256 MB). Generates 100,000
 * problem × unit rows in mixed states in PostgreSQL, then times the overview, the ledger page with filters and the
 * Excel export, and prints a table (also written to {@code target/bench/ledger.md}).
 */
class LedgerBenchmark extends PostgresApplicationTest {

  static final int PROBLEMS = 20_000;
  static final int ROUNDS = 60;
  static final int WARM_UP = 10;

  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate anonymous;

  @Test
  void ledgerAtOneHundredThousandRows() throws Exception {
    generate();
    TestRestTemplate supervisor = anonymous.withBasicAuth("sup-orgdept", "demo");
    List<String> lines = new ArrayList<>();
    lines.add("| measure (" + count() + " rows) | p50 | p95 | max |");
    lines.add("|---|---|---|---|");
    lines.add(time(supervisor, "overview `/supervision/`", "/supervision/"));
    lines.add(time(supervisor, "ledger page, unit + stage filter, sorted by due", "/supervision/ledger?unit=street-chengguan&stage=RECTIFY&sort=due"));
    lines.add(time(supervisor, "ledger page, overdue only, sorted by returns", "/supervision/ledger?overdue=true&sort=returns&desc=true"));
    lines.add(time(supervisor, "ledger page, colour red (a due-date range), sorted by due", "/supervision/ledger?colour=RED&sort=due"));
    lines.add(time(supervisor, "ledger page, colour green (accepted on time)", "/supervision/ledger?colour=GREEN"));
    lines.add(time(supervisor, "(beyond the goal) ledger page 500 of all, OFFSET paging", "/supervision/ledger?offset=50000"));

    long start = System.nanoTime();
    ResponseEntity<byte[]> xlsx = supervisor.getForEntity("/supervision/ledger.xlsx", byte[].class);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(xlsx.getStatusCode()).isEqualTo(HttpStatus.OK);
    lines.add("| Excel export of all rows (" + xlsx.getBody().length / 1024 + " KB) | " + millis + " ms | | |");
    lines.add("");
    lines.add("Heap cap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB, " + Runtime.getRuntime().availableProcessors()
        + " cores; " + ROUNDS + " timed requests per page after " + WARM_UP + " warm-up ones, HTTP Basic (a password check in every request), loopback.");
    String table = String.join("\n", lines);
    System.out.println("\n" + table + "\n");
    Path out = Path.of("target", "bench", "ledger.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, table + "\n");
  }

  private String time(TestRestTemplate http, String name, String path) {
    List<Long> micros = new ArrayList<>();
    for (int i = 0; i < WARM_UP + ROUNDS; i++) {
      long start = System.nanoTime();
      ResponseEntity<String> page = http.getForEntity(path, String.class);
      long took = (System.nanoTime() - start) / 1000;
      assertThat(page.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
      if (i >= WARM_UP) {
        micros.add(took);
      }
    }
    Collections.sort(micros);
    return "| " + name + " | " + ms(micros.get(micros.size() / 2)) + " | " + ms(micros.get((int) Math.ceil(micros.size() * 0.95) - 1))
        + " | " + ms(micros.get(micros.size() - 1)) + " |";
  }

  private static String ms(long micros) {
    return String.format("%.1f ms", micros / 1000.0);
  }

  private long count() {
    return jdbc.queryForObject("select count(*) from case_unit", Long.class);
  }

  private void generate() {
    jdbc.update("insert into case_problem (problem_id, round_code, round_name, problem_number, category, title, source_text,"
        + " supervisor_groups, deadline, process_instance_id, stage, status, started_at)"
        + " select 'BENCH/' || g, 'BENCH', '基准批次', '' || g, '类别' || (g % 4), '基准问题 ' || g, '讲话原文第 ' || g || ' 句', 'org-dept',"
        + " date '2027-06-30', 'bench-' || g, 'UNITS_RECTIFYING', 'OPEN', now() - (g % 90) * interval '1 day'"
        + " from generate_series(1, ?) g", PROBLEMS);
    jdbc.update("insert into case_unit (problem_id, round_code, problem_order, unit_id, process_instance_id, stage, status, card, due_at,"
        + " plan_returns, rectification_returns, returns_total, late_tasks, started_at, closed_at, plan_measures, responsible_person, progress)"
        + " select 'BENCH/' || g, 'BENCH', 'BENCH/' || lpad('' || g, 6, '0'), u.unit_id, 'bench-' || g || '-' || u.unit_id,"
        + " (array['DRAFT_PLAN','REVIEW_PLAN','RECTIFY','ACCEPT_RECTIFICATION','ACCEPTED'])[1 + (g + u.n) % 5],"
        + " case when (g + u.n) % 5 = 4 then 'CLOSED' else 'OPEN' end,"
        + " (array['NONE','NONE','NONE','YELLOW','RED'])[1 + g % 5],"
        + " case when (g + u.n) % 5 = 4 then null else now() + ((g % 40) - 20) * interval '1 day' end,"
        + " g % 3, g % 2, g % 3 + g % 2, g % 2, now() - (g % 90) * interval '1 day',"
        + " case when (g + u.n) % 5 = 4 then now() - (g % 30) * interval '1 day' else null end,"
        + " '每月开展专题学习，书记讲党课，第 ' || g || ' 项措施', '副书记 ' || u.n, '已开展专题学习 ' || (g % 9) || ' 次'"
        + " from generate_series(1, ?) g cross join (values ('street-chengguan', 0), ('street-dongcheng', 1),"
        + " ('street-xicheng', 2), ('organs', 3), ('education', 4)) as u (unit_id, n)", PROBLEMS);
    jdbc.execute("analyze case_problem");
    jdbc.execute("analyze case_unit");
  }
}
