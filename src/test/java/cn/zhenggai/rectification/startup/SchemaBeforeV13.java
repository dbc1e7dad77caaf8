package cn.zhenggai.rectification.startup;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Puts a database back as it was before V13 (the reminder schedule, extensions and look-backs): the upgrade tests start
 * from data an earlier version left. Whatever V13 and the migrations after it add, this removes.
 */
final class SchemaBeforeV13 {

  private SchemaBeforeV13() {}

  static void putBack(JdbcTemplate database) {
    // V17: the ledger's indexes for a province, and those it dropped back
    database.execute("drop index if exists case_unit_unit_order");
    database.execute("drop index if exists case_unit_stage_order");
    database.execute("drop index if exists case_unit_open_due");
    database.execute("drop index if exists case_problem_open_round");
    database.execute("drop index if exists case_problem_round_start");
    database.execute("drop index if exists case_problem_category");
    database.execute("create index if not exists case_unit_unit on case_unit (unit_id)");
    database.execute("create index if not exists case_unit_stage_status on case_unit (stage, status)");
    database.execute("create index if not exists case_problem_round on case_problem (round_code, problem_number)");
    database.update("delete from flyway_schema_history where version = '17'");
    // V15 and V16 (the audit trail, the cases' end), when this version has them
    database.execute("alter table case_problem drop column if exists ended_at");
    database.execute("drop table if exists audit_event");
    database.execute("drop function if exists audit_event_append_only() cascade");
    database.update("delete from flyway_schema_history where version in ('15', '15.1', '16')");
    // V14: the notices' channels
    database.execute("drop table robot_pace");
    database.execute("drop index notification_channel_due");
    database.execute("alter table notification drop column channel, drop column address, drop column mentions");
    database.update("delete from flyway_schema_history where version = '14'");
    // V13
    database.execute("drop index case_unit_next_notice");
    database.execute("drop index case_problem_next_notice");
    database.execute("drop table extension_request");
    database.execute("alter table case_unit drop column next_notice, drop column next_notice_at, drop column deadline,"
        + " drop column extended_until, drop column extended_stage, drop column extensions,"
        + " drop column extension_pending_until, drop column look_back_result, drop column look_back_at,"
        + " drop column reopenings");
    database.execute("alter table case_problem drop column next_notice, drop column next_notice_at,"
        + " drop column look_back_due_at, drop column look_back_result, drop column reopenings");
    database.execute("alter table case_round drop column look_back_after");
    database.update("delete from flyway_schema_history where version = '13'");
  }
}
