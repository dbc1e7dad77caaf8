package cn.zhenggai.rectification.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.casework.CaseRounds;
import cn.zhenggai.rectification.casework.Ledger;
import cn.zhenggai.rectification.casework.LedgerFilter;
import cn.zhenggai.rectification.casework.Overview;
import cn.zhenggai.rectification.casework.Statistics;
import cn.zhenggai.rectification.vocabulary.EngineClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Not a test: a benchmark, run with {@code ./mvnw verify -Pbenchmark} (heap capped at 256 MB). Generates a province's
 * ledger in PostgreSQL — {@code bench.ledgerRows} problem × unit rows (default 1,000,000: 200,000 problems × 5 units)
 * over 50 rounds, the last five in progress, in mixed states (open and closed, overdue, every colour, extended,
 * returned, reopened, withdrawn) —, then times the overview, the ledger pages with filters (deep pages too), the
 * statistics, the pages' parts called directly (where a page's time goes) and the Excel export of one round and of
 * every row, and prints a table (also written to
 * {@code target/bench/ledger.md}; which indexes the pages used to {@code target/bench/ledger-indexes.md}).
 */
class LedgerBenchmark extends PostgresApplicationTest {

  static final int ROWS = Integer.getInteger("bench.ledgerRows", 1_000_000);
  static final int UNITS = 5;
  static final int PROBLEMS = ROWS / UNITS;
  static final int ROUNDS = 50;
  /** The newest rounds, still in progress; the older ones are closed (a province five years on). */
  static final int IN_PROGRESS = 5;
  static final int WARM_UP = 10;
  static final int TIMED = 60;

  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate anonymous;
  @Autowired CaseRounds rounds;
  @Autowired Ledger ledger;
  @Autowired Overview overview;
  @Autowired Statistics statistics;

  @Test
  void ledgerOfAProvince() throws Exception {
    String load = Files.readString(Path.of("/proc/loadavg")).trim();
    long generation = System.nanoTime();
    generate();
    long generated = (System.nanoTime() - generation) / 1_000_000_000;
    jdbc.execute("select pg_stat_reset()");
    TestRestTemplate supervisor = anonymous.withBasicAuth("sup-orgdept", "demo");
    String round = code(ROUNDS);
    List<String> lines = new ArrayList<>();
    lines.add("| measure (" + count() + " rows, " + ROUNDS + " rounds) | p50 | p95 | max |");
    lines.add("|---|---|---|---|");
    lines.add(time(supervisor, "overview `/supervision/` (rounds in progress)", "/supervision/"));
    lines.add(time(supervisor, "overview of one round", "/supervision/?round=" + round));
    lines.add(time(supervisor, "statistics (rounds in progress)", "/supervision/statistics"));
    lines.add(time(supervisor, "statistics of one round", "/supervision/statistics?round=" + round));
    lines.add(time(supervisor, "ledger page (rounds in progress)", "/supervision/ledger"));
    lines.add(time(supervisor, "ledger page, unit + stage filter, sorted by due", "/supervision/ledger?unit=street-chengguan&stage=RECTIFY&sort=due"));
    lines.add(time(supervisor, "ledger page, overdue only, sorted by returns", "/supervision/ledger?overdue=true&sort=returns&desc=true"));
    lines.add(time(supervisor, "ledger page, colour red (a due-date range), sorted by due", "/supervision/ledger?colour=RED&sort=due"));
    lines.add(time(supervisor, "ledger page, colour green (accepted on time)", "/supervision/ledger?colour=GREEN"));
    lines.add(time(supervisor, "ledger page, all rounds, unit filter, sorted by unit", "/supervision/ledger?round=all&unit=organs&sort=unit"));
    lines.add(time(supervisor, "ledger page, all rounds, sorted by due, descending", "/supervision/ledger?round=all&sort=due&desc=true"));
    lines.add(time(supervisor, "ledger API, one round, 100 rows", "/api/ledger?round=" + round));
    String deep = supervisor.getForObject("/api/ledger?round=all&limit=1&offset=" + (ROWS / 2 - 1), JsonNode.class)
        .get("next").asText();
    // as the 下一页 link has it: the position, and the total the first page counted
    lines.add(time(supervisor, "ledger page " + (ROWS / 200) + " of all rounds, keyset (下一页 after)",
        "/supervision/ledger?round=all&after=" + deep + "&offset=" + (ROWS / 2) + "&total="
            + ledger.count(LedgerFilter.from(Map.of("round", "all"), rounds))));
    String deepDue = supervisor.getForObject("/api/ledger?round=all&sort=due&limit=1&offset=" + (ROWS / 2 - 1), JsonNode.class)
        .get("next").asText();
    lines.add(time(supervisor, "ledger API, all rounds sorted by due, 100 rows from the middle, keyset",
        "/api/ledger?round=all&sort=due&after=" + deepDue));
    lines.add(time(supervisor, "case list `/api/cases` (first 500 problems)", "/api/cases"));
    lines.add(time(supervisor, "case list `/api/cases`, 500 problems from the middle",
        "/api/cases?after=" + code(ROUNDS / 2) + "/" + (PROBLEMS / 2)));
    lines.add(time(supervisor, "(beyond the goal) ledger page " + (ROWS / 200) + " of all rounds, OFFSET paging",
        "/supervision/ledger?round=all&offset=" + (ROWS / 2)));
    lines.addAll(parts());
    lines.add(export(supervisor, "Excel export of one round", "/supervision/ledger.xlsx?round=" + round));
    lines.add(export(supervisor, "Excel export of all rows", "/supervision/ledger.xlsx?round=all"));
    lines.add("");
    lines.add("Heap cap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB, " + Runtime.getRuntime().availableProcessors()
        + " cores, load average at start " + load + "; rows generated, vacuumed and analysed in " + generated + " s; " + TIMED
        + " timed requests per page after " + WARM_UP + " warm-up ones, HTTP Basic (a password check in every request),"
        + " loopback. Peak heap: the most heap in use, sampled every 20 ms during the export (application and benchmark"
        + " share the JVM).");
    String table = String.join("\n", lines);
    System.out.println("\n" + table + "\n");
    Path out = Path.of("target", "bench", "ledger.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, table + "\n");
    Files.writeString(out.resolveSibling("ledger-indexes.md"), indexUse());
  }

  private String time(TestRestTemplate http, String name, String path) {
    return time(name, () -> {
      ResponseEntity<String> page = http.getForEntity(path, String.class);
      assertThat(page.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
    });
  }

  /** p50, p95 and max of {@link #TIMED} runs after {@link #WARM_UP}, as a table row. */
  private static String time(String name, Runnable run) {
    List<Long> micros = new ArrayList<>();
    for (int i = 0; i < WARM_UP + TIMED; i++) {
      long start = System.nanoTime();
      run.run();
      long took = (System.nanoTime() - start) / 1000;
      if (i >= WARM_UP) {
        micros.add(took);
      }
    }
    Collections.sort(micros);
    return "| " + name + " | " + ms(micros.get(micros.size() / 2)) + " | " + ms(micros.get((int) Math.ceil(micros.size() * 0.95) - 1))
        + " | " + ms(micros.get(micros.size() - 1)) + " |";
  }

  /**
   * The pages' parts called directly (no HTTP, no sign-in, no rendering), to show where a page's time goes: the total
   * counted for its "共 n 条", its rows, the overview's and the statistics' one pass over the rows in scope.
   */
  private List<String> parts() {
    LedgerFilter inProgress = LedgerFilter.from(Map.of(), rounds);
    LedgerFilter all = LedgerFilter.from(Map.of("round", "all"), rounds);
    Timestamp now = EngineClock.timestamp();
    return List.of(
        time("(part) total counted for a ledger page, rounds in progress", () -> ledger.count(inProgress)),
        time("(part) total counted for a ledger page, all rounds", () -> ledger.count(all)),
        time("(part) rows of a ledger page (100), rounds in progress", () -> ledger.page(inProgress, null, 0, 100)),
        time("(part) rows of a ledger page (100), all rounds", () -> ledger.page(all, null, 0, 100)),
        time("(part) overview's figures, rounds in progress", () -> overview.figures(inProgress.rounds(), now)),
        time("(part) statistics by unit, rounds in progress", () -> statistics.byUnit(null, inProgress.rounds(), now)));
  }

  /** The download read and counted as it arrives (never held: the benchmark shares the capped heap). */
  private String export(TestRestTemplate http, String name, String path) {
    System.gc();
    AtomicLong peak = new AtomicLong();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(
        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max), 0, 20, TimeUnit.MILLISECONDS);
    long start = System.nanoTime();
    long bytes;
    try {
      bytes = http.getRestTemplate().execute(path, HttpMethod.GET, null, response -> {
        assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
        try (InputStream in = response.getBody()) {
          return in.transferTo(java.io.OutputStream.nullOutputStream());
        }
      });
    } finally {
      sampler.shutdownNow();
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    return "| " + name + " (" + bytes / 1024 + " KB, peak heap " + peak.get() / (1024 * 1024) + " MB) | " + millis + " ms | | |";
  }

  private static String ms(long micros) {
    return String.format("%.1f ms", micros / 1000.0);
  }

  private long count() {
    return jdbc.queryForObject("select count(*) from case_unit", Long.class);
  }

  /** Which of case_unit's and case_problem's indexes the timed pages used, and how often. */
  private String indexUse() {
    List<String> lines = new ArrayList<>(List.of("| table | index | scans | size |", "|---|---|---|---|"));
    jdbc.query("select relname, indexrelname, idx_scan, pg_size_pretty(pg_relation_size(indexrelid)) as size"
        + " from pg_stat_user_indexes where relname in ('case_unit', 'case_problem') order by relname, indexrelname",
        rs -> {
          lines.add("| " + rs.getString(1) + " | " + rs.getString(2) + " | " + rs.getLong(3) + " | " + rs.getString(4) + " |");
        });
    return String.join("\n", lines) + "\n";
  }

  private static String code(int round) {
    return String.format("BENCH-%02d", round);
  }

  /**
   * Round r (1 … 50) holds the problems (r − 1) × n + 1 … r × n and began (50 − r) × 36 days ago, its deadline 180 days
   * later. The closed rounds' items are accepted (a few late, reopened or withdrawn); in the rounds in progress two in
   * five items are accepted and the rest open at a stage, their due dates 40 days past to 20 days ahead (so every
   * colour), one in 13 extended, returns and cards spread.
   */
  private void generate() {
    int perRound = PROBLEMS / ROUNDS;
    String roundOf = "(1 + (g - 1) / " + perRound + ")";
    String open = roundOf + " > " + (ROUNDS - IN_PROGRESS);
    String start = "(now() - (" + ROUNDS + " - " + roundOf + ") * interval '36 day' - (g % 30) * interval '1 hour')";
    jdbc.update("insert into case_round (code, name, kind, held_on, default_deadline, status, created_by, created_at,"
        + " published_at, published_by, closed_at)"
        + " select 'BENCH-' || lpad('' || r, 2, '0'), '第 ' || r || ' 批基准整改', '巡察反馈',"
        + " cast(now() - (" + ROUNDS + " - r) * interval '36 day' as date),"
        + " cast(now() + (180 - (" + ROUNDS + " - r) * 36) * interval '1 day' as date),"
        + " case when r > " + (ROUNDS - IN_PROGRESS) + " then 'PUBLISHED' else 'CLOSED' end, 'sup-orgdept',"
        + " now() - (" + ROUNDS + " - r) * interval '36 day', now() - (" + ROUNDS + " - r) * interval '36 day', 'sup-orgdept',"
        + " case when r > " + (ROUNDS - IN_PROGRESS) + " then null else now() - (" + ROUNDS + " - r) * interval '36 day' + interval '200 day' end"
        + " from generate_series(1, ?) r", ROUNDS);
    jdbc.update("insert into case_problem (problem_id, round_code, round_name, problem_number, category, title, source_text,"
        + " supervisor_groups, deadline, process_instance_id, stage, status, started_at, closed_at)"
        + " select 'BENCH-' || lpad('' || " + roundOf + ", 2, '0') || '/' || g, 'BENCH-' || lpad('' || " + roundOf + ", 2, '0'),"
        + " '第 ' || " + roundOf + " || ' 批基准整改', '' || g, '类别' || (g % 4), '基准问题 ' || g, '讲话原文第 ' || g || ' 句', 'org-dept',"
        + " cast(" + start + " + interval '180 day' as date), 'bench-' || g,"
        + " case when " + open + " then 'UNITS_RECTIFYING' else 'CLOSED' end, case when " + open + " then 'OPEN' else 'CLOSED' end,"
        + " " + start + ", case when " + open + " then null else " + start + " + (100 + g % 90) * interval '1 day' end"
        + " from generate_series(1, ?) g", PROBLEMS);
    // k picks the item's state: in a round in progress 0–5 open at a stage, 6–9 accepted; in a closed round accepted,
    // except k = 0 of every 100th problem (withdrawn)
    String k = "((g * 7 + u.n * 3) % 10)";
    String itemOpen = "(" + open + " and " + k + " < 6)";
    String cancelled = "(not " + open + " and g % 100 = 0 and u.n = 0)";
    jdbc.update("insert into case_unit (problem_id, round_code, problem_order, unit_id, process_instance_id, stage, status, card,"
        + " due_at, plan_returns, rectification_returns, returns_total, late_tasks, started_at, closed_at, plan_approved_at,"
        + " deadline, extended_until, extended_stage, extensions, reopenings, plan_measures, responsible_person, progress)"
        + " select 'BENCH-' || lpad('' || " + roundOf + ", 2, '0') || '/' || g, 'BENCH-' || lpad('' || " + roundOf + ", 2, '0'),"
        + " 'BENCH-' || lpad('' || " + roundOf + ", 2, '0') || '/' || lpad('' || g, 6, '0'), u.unit_id, 'bench-' || g || '-' || u.unit_id,"
        + " case when " + itemOpen + " then (array['DRAFT_PLAN','REVIEW_PLAN','RECTIFY','RECTIFY','RECTIFY','ACCEPT_RECTIFICATION'])[1 + " + k + "]"
        + " when " + cancelled + " then 'CANCELLED' else 'ACCEPTED' end,"
        + " case when " + itemOpen + " then 'OPEN' when " + cancelled + " then 'CANCELLED' else 'CLOSED' end,"
        + " case when " + itemOpen + " then (array['NONE','NONE','NONE','YELLOW','RED'])[1 + g % 5] else 'NONE' end,"
        + " case when " + itemOpen + " then now() + ((g % 60) - 40) * interval '1 day' else null end,"
        + " g % 3, (g + u.n) % 2, g % 3 + (g + u.n) % 2, g % 2, " + start + ","
        + " case when " + itemOpen + " or " + cancelled + " then null else " + start + " + (60 + (g + u.n) % 150) * interval '1 day' end,"
        + " case when " + k + " > 0 or " + itemOpen + " then " + start + " + (10 + g % 20) * interval '1 day' else null end,"
        + " case when g % 13 = 0 then cast(" + start + " + interval '240 day' as date) else null end,"
        + " case when g % 13 = 0 then " + start + " + interval '240 day' else null end,"
        + " case when g % 13 = 0 then 'RECTIFY' else null end, case when g % 13 = 0 then 1 else 0 end,"
        + " case when g % 50 = 7 and not " + itemOpen + " then 1 else 0 end,"
        + " '每月开展专题学习，书记讲党课，第 ' || g || ' 项措施', '副书记 ' || u.n, '已开展专题学习 ' || (g % 9) || ' 次'"
        + " from generate_series(1, ?) g cross join (values ('street-chengguan', 0), ('street-dongcheng', 1),"
        + " ('street-xicheng', 2), ('organs', 3), ('education', 4)) as u (unit_id, n)", PROBLEMS);
    // as autovacuum leaves a table that has stood a while: statistics, and the visibility map index-only scans need
    jdbc.execute("vacuum analyze case_round");
    jdbc.execute("vacuum analyze case_problem");
    jdbc.execute("vacuum analyze case_unit");
  }
}
