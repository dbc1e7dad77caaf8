package cn.zhenggai.rectification.backup;

import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a person would miss or find twice after a restore or an upgrade, read from the database: the rows of each of
 * our tables and of the engine's runtime and history of the cases, the deployed definitions, each register row's stage
 * and status, the notices still to be sent, the evidence files, when the next reminder and the look-backs are due.
 * Times are the database's own (timestamp without time zone), as the application reads them.
 *
 * @param tables rows of each of our tables (every table but the engine's and Flyway's)
 * @param engine rows of {@code act_ru_task}, {@code act_ru_execution}, {@code act_ru_job} and {@code act_hi_procinst}
 *     that belong to the cases (RectificationCase, UnitRectification)
 * @param definitions rows of {@code act_re_procdef}
 * @param items stage and status of each problem ({@code 2022-SZPY/2.1}) and unit item ({@code …/street-chengguan})
 * @param pendingNotices dedup keys of the notices waiting to be sent
 * @param evidence each evidence file's name and SHA-256, in upload order
 * @param earliestNotice the earliest {@code next_notice_at} of the register
 * @param lookBacksDue each closed problem's {@code look_back_due_at}
 */
public record Figures(
    Map<String, Long> tables,
    Map<String, Long> engine,
    long definitions,
    Map<String, String> items,
    List<String> pendingNotices,
    List<Evidence> evidence,
    LocalDateTime earliestNotice,
    Map<String, LocalDateTime> lookBacksDue) {

  public record Evidence(String name, String sha256) {}

  private static final String CASE_PROCESSES = "('" + RectificationCaseProcess.KEY + "', '" + UnitRectificationProcess.KEY + "')";

  private static final Map<String, String> CASE_ROWS = Map.of(
      "act_ru_task", "select count(*) from act_ru_task t join act_re_procdef d on d.id_ = t.proc_def_id_"
          + " where d.key_ in " + CASE_PROCESSES,
      "act_ru_execution", "select count(*) from act_ru_execution e join act_re_procdef d on d.id_ = e.proc_def_id_"
          + " where d.key_ in " + CASE_PROCESSES,
      "act_ru_job", "select count(*) from act_ru_job where process_def_key_ in " + CASE_PROCESSES,
      "act_hi_procinst", "select count(*) from act_hi_procinst where proc_def_key_ in " + CASE_PROCESSES);

  public static Figures of(JdbcTemplate database) {
    Map<String, Long> tables = new TreeMap<>();
    database.queryForList("select table_name from information_schema.tables where table_schema = current_schema()"
            + " and table_type = 'BASE TABLE' and table_name not like 'act\\_%' and table_name <> 'flyway_schema_history'",
            String.class)
        .forEach(table -> tables.put(table, count(database, "select count(*) from " + table)));
    Map<String, Long> engine = new TreeMap<>();
    CASE_ROWS.forEach((table, query) -> engine.put(table, count(database, query)));
    Map<String, String> items = new TreeMap<>();
    database.query("select problem_id, stage, status from case_problem",
        row -> { items.put(row.getString(1), row.getString(2) + " " + row.getString(3)); });
    database.query("select problem_id || '/' || unit_id, stage, status from case_unit",
        row -> { items.put(row.getString(1), row.getString(2) + " " + row.getString(3)); });
    Map<String, LocalDateTime> lookBacks = new TreeMap<>();
    database.query("select problem_id, look_back_due_at from case_problem where look_back_due_at is not null",
        row -> { lookBacks.put(row.getString(1), row.getTimestamp(2).toLocalDateTime()); });
    Timestamp earliest = database.queryForObject("select min(at) from (select next_notice_at as at from case_unit"
        + " union all select next_notice_at from case_problem) notices", Timestamp.class);
    return new Figures(tables, engine, count(database, "select count(*) from act_re_procdef"), items,
        database.queryForList("select dedup_key from notification where status = 'PENDING' order by dedup_key",
            String.class),
        database.query("select file_name, sha256 from evidence_file order by id",
            (row, n) -> new Evidence(row.getString(1), row.getString(2))),
        earliest == null ? null : earliest.toLocalDateTime(), lookBacks);
  }

  private static long count(JdbcTemplate database, String query) {
    return database.queryForObject(query, Long.class);
  }
}
