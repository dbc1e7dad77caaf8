package db.migration;

import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Makes the audit trail append-only on PostgreSQL: a trigger refuses every update, truncate and delete of
 * {@code audit_event}, but the delete of a row older than the cut-off that the retention sets for its own transaction
 * ({@code rectification.audit_delete_before}, audit.AuditRetention). On H2 (the demo database) nothing: H2 has no such
 * triggers in SQL. The database's owner can still drop the trigger; the application has no statement that does.
 */
public class V15_1__Audit_trail_append_only extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws SQLException {
    if (!context.getConnection().getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
      return;
    }
    try (Statement sql = context.getConnection().createStatement()) {
      sql.execute("""
          create function audit_event_append_only() returns trigger language plpgsql as $$
          begin
            if tg_op = 'DELETE' then
              if old.occurred_at < nullif(current_setting('rectification.audit_delete_before', true), '')::timestamp then
                return old;
              end if;
            end if;
            raise exception '审计记录只能追加，不能修改或删除';
          end
          $$""");
      sql.execute("create trigger audit_event_no_change before update or delete on audit_event "
          + "for each row execute function audit_event_append_only()");
      sql.execute("create trigger audit_event_no_truncate before truncate on audit_event "
          + "for each statement execute function audit_event_append_only()");
    }
  }
}
