package cn.zhenggai.rectification.rounds;

import cn.zhenggai.rectification.vocabulary.EngineClock;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The tables of rounds: {@code case_round}, its problem list {@code round_problem} and its log {@code round_change}. */
@Repository
class RoundStore {

  private final JdbcTemplate jdbc;

  RoundStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void insert(Round round) {
    jdbc.update("insert into case_round (code, name, kind, held_on, default_deadline, source_name, source_text, status,"
            + " created_by, created_at, look_back_after) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        round.code(), round.name(), round.kind(), Date.valueOf(round.heldOn()), Date.valueOf(round.defaultDeadline()),
        round.sourceName(), round.sourceText(), round.status().name(), round.createdBy(), now(), round.lookBackAfter());
  }

  boolean exists(String code) {
    Integer count = jdbc.queryForObject("select count(*) from case_round where lower(code) = lower(?)", Integer.class, code);
    return count != null && count > 0;
  }

  Optional<Round> find(String code) {
    return jdbc.query("select * from case_round where code = ?", this::round, code).stream().findFirst();
  }

  /** The round, locked until the transaction ends: publishing and closing take turns, also across nodes. */
  Optional<Round> lock(String code) {
    return jdbc.query("select * from case_round where code = ? for update", this::round, code).stream().findFirst();
  }

  List<Round> all() {
    return jdbc.query("select * from case_round order by held_on desc, code desc", this::round);
  }

  void updateHeader(String code, String name, String kind, LocalDate heldOn, LocalDate defaultDeadline,
      String lookBackAfter) {
    jdbc.update("update case_round set name = ?, kind = ?, held_on = ?, default_deadline = ?, look_back_after = ?"
            + " where code = ?",
        name, kind, Date.valueOf(heldOn), Date.valueOf(defaultDeadline), lookBackAfter, code);
  }

  void updateSource(String code, String sourceName, String sourceText) {
    jdbc.update("update case_round set source_name = ?, source_text = ? where code = ?", sourceName, sourceText, code);
  }

  void published(String code, String actorId) {
    jdbc.update("update case_round set status = ?, published_at = ?, published_by = ? where code = ?",
        RoundStatus.PUBLISHED.name(), now(), actorId, code);
  }

  void closed(String code, String carriedInto) {
    jdbc.update("update case_round set status = ?, closed_at = ?, carried_into = ? where code = ?",
        RoundStatus.CLOSED.name(), now(), carriedInto, code);
  }

  List<DraftProblem> problems(String code) {
    return jdbc.query("select * from round_problem where round_code = ? order by position", this::problem, code);
  }

  /** The whole list at once: what the page shows is what is stored, in that order. */
  void replaceProblems(String code, List<DraftProblem> problems) {
    jdbc.update("delete from round_problem where round_code = ?", code);
    for (int i = 0; i < problems.size(); i++) {
      insertProblem(code, i, problems.get(i));
    }
  }

  void appendProblem(String code, DraftProblem problem) {
    Integer last = jdbc.queryForObject("select max(position) from round_problem where round_code = ?", Integer.class, code);
    insertProblem(code, last == null ? 0 : last + 1, problem);
  }

  private void insertProblem(String code, int position, DraftProblem p) {
    jdbc.update("insert into round_problem (round_code, position, number, category, title, source_text, source_start,"
            + " source_end, measures, units, supervisors, deadline, carried_from) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        code, position, p.number(), p.category(), p.title(), p.source(), p.sourceStart(), p.sourceEnd(),
        String.join("\n", p.measures()), String.join(",", p.units()), String.join(",", p.supervisors()),
        p.deadline() == null ? null : Date.valueOf(p.deadline()), p.carriedFrom());
  }

  void log(String code, String actorId, String actorName, String what) {
    jdbc.update("insert into round_change (round_code, actor_id, actor_name, what, occurred_at) values (?, ?, ?, ?, ?)",
        code, actorId, actorName, what.length() > 2000 ? what.substring(0, 2000) : what, now());
  }

  List<RoundChange> changes(String code) {
    return jdbc.query("select * from round_change where round_code = ? order by occurred_at desc, id desc",
        (rs, row) -> new RoundChange(rs.getString("actor_id"), rs.getString("actor_name"), rs.getString("what"),
            rs.getTimestamp("occurred_at").toInstant()), code);
  }

  private Round round(ResultSet rs, int row) throws SQLException {
    return new Round(rs.getString("code"), rs.getString("name"), rs.getString("kind"),
        rs.getDate("held_on").toLocalDate(), rs.getDate("default_deadline").toLocalDate(), rs.getString("source_name"),
        rs.getString("source_text"), RoundStatus.valueOf(rs.getString("status")), rs.getString("created_by"),
        instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("published_at")), rs.getString("published_by"),
        instant(rs.getTimestamp("closed_at")), rs.getString("carried_into"), rs.getString("look_back_after"));
  }

  private DraftProblem problem(ResultSet rs, int row) throws SQLException {
    Date deadline = rs.getDate("deadline");
    return new DraftProblem(rs.getString("number"), rs.getString("category"), rs.getString("title"),
        rs.getString("source_text"), (Integer) rs.getObject("source_start"), (Integer) rs.getObject("source_end"),
        list(rs.getString("measures"), "\n"), list(rs.getString("units"), ","), list(rs.getString("supervisors"), ","),
        deadline == null ? null : deadline.toLocalDate(), rs.getString("carried_from"));
  }

  private static List<String> list(String joined, String separator) {
    return joined == null || joined.isBlank() ? List.of() : Arrays.asList(joined.split(separator));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static Timestamp now() {
    return new Timestamp(EngineClock.now().getTime());
  }
}
