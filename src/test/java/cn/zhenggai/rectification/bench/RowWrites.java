package cn.zhenggai.rectification.bench;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows inserted, updated and deleted in one database since {@link #reset}, per table, as PostgreSQL counts them
 * ({@code pg_stat_user_tables}).
 */
record RowWrites(List<Table> tables) {

  record Table(String name, long inserted, long updated, long deleted) {

    long total() {
      return inserted + updated + deleted;
    }
  }

  static void reset(JdbcTemplate db) {
    db.execute("select pg_stat_reset()");
  }

  /**
   * The counts once they no longer change: each connection reports its counts to the statistics with a delay (at most
   * about 10 s for an idle one in PostgreSQL 15), so they are read until two readings a second apart agree.
   */
  static RowWrites settled(JdbcTemplate db) {
    AtomicReference<RowWrites> last = new AtomicReference<>(read(db));
    return await().pollDelay(Duration.ofSeconds(1)).pollInterval(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(30))
        .until(() -> {
          RowWrites now = read(db);
          return now.equals(last.getAndSet(now)) ? now : null;
        }, writes -> writes != null);
  }

  private static RowWrites read(JdbcTemplate db) {
    return new RowWrites(db.query("select relname, n_tup_ins, n_tup_upd, n_tup_del from pg_stat_user_tables"
            + " where n_tup_ins + n_tup_upd + n_tup_del > 0 order by n_tup_ins + n_tup_upd + n_tup_del desc, relname",
        (rs, row) -> new Table(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))));
  }

  /** A row of the report's table: inserted, updated, deleted and all rows per item. */
  String perItem(String variant, int items) {
    long inserted = tables.stream().mapToLong(Table::inserted).sum();
    long updated = tables.stream().mapToLong(Table::updated).sum();
    long deleted = tables.stream().mapToLong(Table::deleted).sum();
    return "| " + variant + " | " + per(inserted, items) + " | " + per(updated, items) + " | " + per(deleted, items)
        + " | " + per(inserted + updated + deleted, items) + " |\n";
  }

  /** The tables with at least half a row written per item, most written first. */
  String tables(int items) {
    List<String> lines = new ArrayList<>(List.of("| table | inserted | updated | deleted |", "|---|---|---|---|"));
    tables.stream().filter(table -> table.total() * 2 >= items).forEach(table -> lines.add("| " + table.name() + " | "
        + per(table.inserted(), items) + " | " + per(table.updated(), items) + " | " + per(table.deleted(), items) + " |"));
    return String.join("\n", lines) + "\n";
  }

  private static String per(long rows, int items) {
    return String.format(Locale.ROOT, "%.1f", rows / (double) items);
  }
}
