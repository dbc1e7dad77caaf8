package db.migration;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Cases opened before rounds existed all came from {@code seeds/problems.yaml}, which is now the demo round
 * {@value #CODE}: they join it, and their keys become {@code 2022-SZPY/1.1} (units {@code 2022-SZPY/1.1/<unit>}) in our
 * tables and, on a database the engine already uses, in its business keys and {@code problemId} variables, so the seed
 * loader finds them and opens nothing twice. On a new database there is nothing to do.
 */
public class V10__Earlier_cases_join_the_demo_round extends BaseJavaMigration {

  static final String CODE = "2022-SZPY";
  static final String PREFIX = CODE + "/";

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    if (count(connection, "select count(*) from case_problem where round_code is null") == 0) {
      return;
    }
    try (Statement sql = connection.createStatement()) {
      if (count(connection, "select count(*) from case_round where code = '" + CODE + "'") == 0) {
        sql.executeUpdate("insert into case_round (code, name, kind, held_on, default_deadline, source_name, status,"
            + " created_by, created_at, published_at, published_by) select '" + CODE + "', '2022年度抓基层党建工作述职评议',"
            + " '述职评议', date '2023-01-16', max(deadline), 'seeds/problems.yaml', 'PUBLISHED', 'system', min(started_at),"
            + " min(started_at), 'system' from case_problem where round_code is null");
      }
      List<String[]> foreignKeys = foreignKeysTo(connection, "case_problem");
      for (String[] key : foreignKeys) {
        sql.executeUpdate("alter table " + key[0] + " drop constraint " + key[1]);
      }
      String legacy = "(select problem_id from case_problem where round_code is null)";
      for (String table : List.of("case_unit", "case_event", "notification")) {
        sql.executeUpdate("update " + table + " set problem_id = '" + PREFIX + "' || problem_id where problem_id in " + legacy);
      }
      if (tableExists(connection, "act_ru_execution")) {
        String instances = "(select process_instance_id from case_problem where round_code is null"
            + " union select u.process_instance_id from case_unit u join case_problem p on u.problem_id = '" + PREFIX
            + "' || p.problem_id where p.round_code is null)";
        sql.executeUpdate("update act_ru_execution set business_key_ = '" + PREFIX + "' || business_key_"
            + " where business_key_ is not null and proc_inst_id_ in " + instances);
        sql.executeUpdate("update act_hi_procinst set business_key_ = '" + PREFIX + "' || business_key_"
            + " where business_key_ is not null and proc_inst_id_ in " + instances);
        sql.executeUpdate("update act_ru_variable set text_ = '" + PREFIX + "' || text_"
            + " where name_ = 'problemId' and proc_inst_id_ in " + instances);
        sql.executeUpdate("update act_hi_varinst set text_ = '" + PREFIX + "' || text_"
            + " where name_ = 'problemId' and proc_inst_id_ in " + instances);
      }
      sql.executeUpdate("insert into round_problem (round_code, position, number, category, title, source_text, units,"
          + " supervisors, deadline) select '" + CODE + "', row_number() over (order by problem_id), problem_id, category,"
          + " title, source_text, '', supervisor_groups, deadline from case_problem where round_code is null");
      sql.executeUpdate("update case_problem set problem_number = problem_id, round_code = '" + CODE + "',"
          + " round_name = '2022年度抓基层党建工作述职评议', problem_id = '" + PREFIX + "' || problem_id where round_code is null");
      for (String[] key : foreignKeys) {
        sql.executeUpdate("alter table " + key[0] + " add constraint " + key[1] + " foreign key (problem_id)"
            + " references case_problem (problem_id)");
      }
    }
  }

  private static long count(Connection connection, String query) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(query); ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** (table, constraint) of each foreign key that references the table; names differ between databases. */
  private static List<String[]> foreignKeysTo(Connection connection, String table) throws SQLException {
    List<String[]> keys = new ArrayList<>();
    DatabaseMetaData meta = connection.getMetaData();
    for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
      try (ResultSet rows = meta.getExportedKeys(connection.getCatalog(), connection.getSchema(), name)) {
        while (rows.next()) {
          keys.add(new String[] {rows.getString("FKTABLE_NAME"), rows.getString("FK_NAME")});
        }
      }
    }
    return keys;
  }

  private static boolean tableExists(Connection connection, String table) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
      try (ResultSet rows = meta.getTables(connection.getCatalog(), connection.getSchema(), name, null)) {
        if (rows.next()) {
          return true;
        }
      }
    }
    return false;
  }
}
