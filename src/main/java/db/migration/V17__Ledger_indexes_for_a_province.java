package db.migration;

import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The indexes a province's ledger (a million problem × unit rows over many rounds) is read by, as the query plans at
 * that size showed (README, 台账基准): a unit's items in problem order, the stage sort, the open items by due date
 * (overdue, the colours, due soon), the rounds with open cases (the default scope of every ledger page, and whether
 * another round is in progress) the rounds in the order they began, the categories in use; and none that no plan used, since every
 * register write updates each index. Partial indexes on PostgreSQL; H2 (the demo database) has none, so there the
 * status leads.
 */
public class V17__Ledger_indexes_for_a_province extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws SQLException {
    boolean postgres = context.getConnection().getMetaData().getDatabaseProductName().equals("PostgreSQL");
    try (Statement sql = context.getConnection().createStatement()) {
      sql.executeUpdate("create index case_unit_unit_order on case_unit (unit_id, problem_order)");
      sql.executeUpdate("drop index case_unit_unit");
      sql.executeUpdate("create index case_unit_stage_order on case_unit (stage, problem_order, unit_id)");
      sql.executeUpdate("drop index case_unit_stage_status");
      sql.executeUpdate(postgres
          ? "create index case_unit_open_due on case_unit (due_at, problem_id, unit_id) where status = 'OPEN'"
          : "create index case_unit_open_due on case_unit (status, due_at, problem_id, unit_id)");
      sql.executeUpdate(postgres
          ? "create index case_problem_open_round on case_problem (round_code) where status = 'OPEN'"
          : "create index case_problem_open_round on case_problem (status, round_code)");
      sql.executeUpdate("create index case_problem_round_start on case_problem (round_code, started_at)");
      sql.executeUpdate("drop index case_problem_round");
      sql.executeUpdate("create index case_problem_category on case_problem (category)");
    }
  }
}
