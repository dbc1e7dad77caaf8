package cn.zhenggai.rectification.casework;

import cn.zhenggai.rectification.vocabulary.CaseStatus;
import cn.zhenggai.rectification.vocabulary.Days;
import cn.zhenggai.rectification.vocabulary.EngineClock;
import cn.zhenggai.rectification.vocabulary.Stage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The ledger (整改台账): one row per problem and unit, read from the case register. */
@Service
public class Ledger {

  /** One row, in the columns organization departments use; problemId is the case key, {@code <round code>/<number>}. */
  public record Row(
      String problemId,
      String roundCode,
      String roundName,
      String problemNumber,
      String category,
      String title,
      String source,
      String measures,
      String unitId,
      String unitName,
      String responsiblePerson,
      LocalDate deadline,
      String stage,
      String stageName,
      String status,
      String card,
      String progress,
      boolean accepted,
      boolean closed,
      long daysOverdue,
      Instant due,
      int returns,
      int lateTasks,
      Instant startedAt,
      Instant closedAt,
      Long planDays) {}

  private static final String SELECT = "select p.problem_id, p.round_code, p.round_name, p.problem_number, p.category, p.title, p.source_text, p.deadline,"
      + " p.status as problem_status, u.unit_id, u.stage, u.status, u.card, u.due_at, u.plan_measures,"
      + " u.responsible_person, u.progress, u.returns_total as returns, u.late_tasks,"
      + " u.started_at, u.closed_at, u.plan_approved_at from case_unit u join case_problem p on p.problem_id = u.problem_id where 1 = 1";

  private final JdbcTemplate jdbc;
  private final IdentityService identity;

  Ledger(JdbcTemplate jdbc, IdentityService identity) {
    this.jdbc = jdbc;
    this.identity = identity;
  }

  public List<Row> rows(LedgerFilter filter, int offset, int limit) {
    Timestamp now = now();
    List<Object> parameters = LedgerFilter.parameters();
    String sql = SELECT + filter.where(parameters, now) + " order by " + filter.orderBy() + " limit ? offset ?";
    parameters.add(limit);
    parameters.add(offset);
    Map<String, String> names = unitNames();
    return jdbc.query(sql, (rs, i) -> row(rs, names, now), parameters.toArray());
  }

  /** Open items of the rounds in scope falling due between now and {@code soon} from now, earliest first. */
  public List<Row> dueSoon(CaseRounds.Scope rounds, Timestamp now, java.time.Duration soon, int limit) {
    Map<String, String> names = unitNames();
    List<Object> parameters = LedgerFilter.parameters();
    String where = rounds.where("u", parameters);
    parameters.addAll(List.of(now, new Timestamp(now.getTime() + soon.toMillis()), limit));
    return jdbc.query(SELECT + where + " and u.due_at >= ? and u.due_at < ? order by u.due_at, p.problem_id limit ?",
        (rs, i) -> row(rs, names, now), parameters.toArray());
  }

  public long count(LedgerFilter filter) {
    List<Object> parameters = LedgerFilter.parameters();
    String where = filter.where(parameters, now());
    String from = filter.category() == null ? "case_unit u" // the join only when a problem column is filtered
        : "case_unit u join case_problem p on p.problem_id = u.problem_id";
    return jdbc.queryForObject("select count(*) from " + from + " where 1 = 1" + where, Long.class, parameters.toArray());
  }

  /** Every row, one at a time from the database (a cursor, hence the transaction), for exports of any size. */
  @Transactional(readOnly = true)
  public void each(LedgerFilter filter, Consumer<Row> consumer) {
    Timestamp now = now();
    List<Object> parameters = LedgerFilter.parameters();
    String sql = SELECT + filter.where(parameters, now) + " order by " + filter.orderBy();
    Map<String, String> names = unitNames();
    jdbc.query(connection -> {
      var statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
      statement.setFetchSize(500);
      for (int i = 0; i < parameters.size(); i++) {
        statement.setObject(i + 1, parameters.get(i));
      }
      return statement;
    }, rs -> {
      consumer.accept(row(rs, names, now));
    });
  }

  /** The problem categories in use, for the ledger's filter. */
  public List<String> categories() {
    return jdbc.queryForList("select distinct category from case_problem order by category", String.class);
  }

  Map<String, String> unitNames() {
    return identity.createGroupQuery().list().stream().collect(Collectors.toMap(Group::getId, Group::getName));
  }

  private static Row row(ResultSet rs, Map<String, String> names, Timestamp now) throws SQLException {
    String stage = rs.getString("stage");
    Timestamp due = rs.getTimestamp("due_at");
    long overdue = due == null ? 0 : Days.begun(due, now);
    Timestamp started = rs.getTimestamp("started_at");
    Timestamp approved = rs.getTimestamp("plan_approved_at");
    return new Row(
        rs.getString("problem_id"),
        rs.getString("round_code"),
        rs.getString("round_name"),
        rs.getString("problem_number"),
        rs.getString("category"),
        rs.getString("title"),
        rs.getString("source_text"),
        rs.getString("plan_measures"),
        rs.getString("unit_id"),
        names.getOrDefault(rs.getString("unit_id"), rs.getString("unit_id")),
        rs.getString("responsible_person"),
        rs.getObject("deadline", LocalDate.class),
        stage,
        Stage.valueOf(stage).label(),
        rs.getString("status"),
        rs.getString("card"),
        rs.getString("progress"),
        Stage.ACCEPTED.name().equals(stage),
        CaseStatus.CLOSED.name().equals(rs.getString("problem_status")),
        overdue,
        instant(due),
        rs.getInt("returns"),
        rs.getInt("late_tasks"),
        instant(started),
        instant(rs.getTimestamp("closed_at")),
        approved == null ? null : Days.begun(started, approved));
  }


  private static Timestamp now() {
    return EngineClock.timestamp();
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
