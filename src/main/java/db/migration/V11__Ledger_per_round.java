package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The ledger filters and sorts per round on case_unit's own columns, so its indexes serve them without a join: the
 * round code, and the problem's order (number runs padded, so 1.2 sorts before 1.10). New rows get both from
 * casework.CaseRegister; this fills in the rows already there (the padding rule is copied, as a migration stays as
 * it ran).
 */
public class V11__Ledger_per_round extends BaseJavaMigration {

  private static final Pattern DIGITS = Pattern.compile("\\d+");

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    try (Statement sql = connection.createStatement()) {
      sql.executeUpdate("alter table case_unit add column round_code varchar(32)");
      sql.executeUpdate("alter table case_unit add column problem_order varchar(200)");
    }
    try (PreparedStatement problems = connection.prepareStatement("select problem_id, round_code from case_problem");
        PreparedStatement units = connection.prepareStatement(
            "update case_unit set round_code = ?, problem_order = ? where problem_id = ?");
        ResultSet rows = problems.executeQuery()) {
      while (rows.next()) {
        units.setString(1, rows.getString("round_code"));
        units.setString(2, order(rows.getString("problem_id")));
        units.setString(3, rows.getString("problem_id"));
        units.addBatch();
      }
      units.executeBatch();
    }
    try (Statement sql = connection.createStatement()) {
      sql.executeUpdate("create index case_unit_round_order on case_unit (round_code, problem_order, unit_id)");
      sql.executeUpdate("create index case_unit_order on case_unit (problem_order, unit_id)");
    }
  }

  private static String order(String problemId) {
    int slash = problemId.indexOf('/');
    Matcher digits = DIGITS.matcher(problemId.substring(slash + 1));
    StringBuilder order = new StringBuilder(problemId.substring(0, slash + 1));
    while (digits.find()) {
      digits.appendReplacement(order, "0".repeat(Math.max(0, 6 - digits.group().length())) + digits.group());
    }
    digits.appendTail(order);
    return order.length() > 200 ? order.substring(0, 200) : order.toString();
  }
}
