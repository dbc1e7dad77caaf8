package cn.zhenggai.rectification.casework;

import cn.zhenggai.rectification.evidence.EvidenceFiles;
import cn.zhenggai.rectification.vocabulary.CaseStatus;
import cn.zhenggai.rectification.vocabulary.Colour;
import cn.zhenggai.rectification.vocabulary.Days;
import cn.zhenggai.rectification.vocabulary.EngineClock;
import cn.zhenggai.rectification.vocabulary.Stage;
import cn.zhenggai.rectification.vocabulary.StageDeadlines;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ledger (整改台账): one row per problem and unit, read from the case register with its 督办 colour (computed as it
 * is read, {@link Colours}), with the names of the unit item's evidence files (asked of the evidence package once per
 * page or batch of rows).
 */
@Service
public class Ledger {

  /**
   * One row, in the columns organization departments use; problemId is the case key, {@code <round code>/<number>};
   * deadline the problem's original deadline (原定时限), extension what was granted beyond it; accepted whether the
   * item was accepted (also while it is looked back at), closed whether the problem is (a reopened one is open again);
   * daysOverdue counted for open items only; evidenceFiles the names of the unit item's evidence files.
   */
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
      Long planDays,
      Colour colour,
      UnitExtension extension,
      UnitLookBack lookBack,
      List<String> evidenceFiles) {

    /** 蓝, 黄, 红, 绿, or nothing. */
    @JsonProperty
    public String colourName() {
      return colour.label();
    }

    /** How many evidence files the unit item has. */
    @JsonProperty
    public int evidenceCount() {
      return evidenceFiles.size();
    }

    Row withEvidence(List<String> files) {
      return new Row(problemId, roundCode, roundName, problemNumber, category, title, source, measures, unitId, unitName,
          responsiblePerson, deadline, stage, stageName, status, card, progress, accepted, closed, daysOverdue, due, returns,
          lateTasks, startedAt, closedAt, planDays, colour, extension, lookBack, files);
    }

    /** The unit item's key, the business key of its unit process: {@code <round code>/<number>/<unit>}. */
    String unitItem() {
      return UnitRectificationProcess.businessKey(problemId, unitId);
    }
  }

  /** Rows of an export read at a time, their evidence asked for in one query; the cursor's fetch size. */
  static final int BATCH = 500;

  private static final String COLUMNS = "select p.problem_id, p.round_code, p.round_name, p.problem_number, p.category, p.title, p.source_text, p.deadline,"
      + " p.status as problem_status, u.unit_id, u.stage, u.status, u.card, u.due_at, u.plan_measures,"
      + " u.responsible_person, u.progress, u.returns_total as returns, u.returns_total, u.problem_order, u.late_tasks,"
      + " u.started_at, u.closed_at, u.plan_approved_at, " + UnitExtension.COLUMNS + ", " + UnitLookBack.COLUMNS + ", ";

  private final JdbcTemplate jdbc;
  private final IdentityService identity;
  private final EvidenceFiles evidence;
  private final Colours colours;
  private final StageDeadlines deadlines;

  Ledger(JdbcTemplate jdbc, IdentityService identity, EvidenceFiles evidence, Colours colours, StageDeadlines deadlines) {
    this.jdbc = jdbc;
    this.identity = identity;
    this.evidence = evidence;
    this.colours = colours;
    this.deadlines = deadlines;
  }

  /** A page of the ledger, and where the next one begins (null after the last page). */
  public record Slice(List<Row> rows, LedgerCursor next) {}

  /** A row with the values of its sort keys, which begin the next page when it is a page's last. */
  private record Keyed(Row row, LedgerCursor key) {}

  /**
   * Up to {@code limit} rows after the cursor (keyset paging: each query starts in the sort's index where the last
   * page ended, however deep), or, without one, from {@code offset} (shallow pages); one row more is read to know
   * whether a next page exists.
   */
  public Slice page(LedgerFilter filter, LedgerCursor after, int offset, int limit) {
    Timestamp now = now();
    Map<String, String> names = unitNames();
    List<Keyed> found = new ArrayList<>();
    if (after == null && offset > 0) {
      List<Object> parameters = LedgerFilter.parameters();
      String sql = select(parameters, now) + filter.where(parameters, now, colours) + " order by " + filter.orderBy()
          + " limit ? offset ?";
      parameters.add(limit + 1);
      parameters.add(offset);
      found.addAll(jdbc.query(sql, (rs, i) -> keyed(rs, filter, names, now), parameters.toArray()));
    } else {
      for (LedgerFilter.Part part : filter.partsAfter(after)) {
        List<Object> parameters = LedgerFilter.parameters();
        String sql = perRound(filter, part, limit + 1 - found.size(), parameters, now);
        found.addAll(jdbc.query(sql, (rs, i) -> keyed(rs, filter, names, now), parameters.toArray()));
        if (found.size() > limit) {
          break;
        }
      }
    }
    List<Keyed> shown = found.subList(0, Math.min(limit, found.size()));
    LedgerCursor next = found.size() > limit ? shown.get(limit - 1).key() : null;
    return new Slice(withEvidence(shown.stream().map(Keyed::row).toList()), next);
  }

  /**
   * A part's query; over several rounds (the rounds in progress, by default) one ordered read per round, merged: each
   * round's rows lie together in its indexes, so the read of one round stops after {@code limit} rows, where a read of
   * them all in one order would pass over every row of the rounds in between (or sort them all).
   */
  private String perRound(LedgerFilter filter, LedgerFilter.Part part, int limit, List<Object> parameters, Timestamp now) {
    List<String> codes = filter.rounds().codes();
    if (codes == null || codes.size() < 2) {
      String sql = select(parameters, now) + filter.where(parameters, now, colours) + part.condition()
          + " order by " + part.orderBy() + " limit ?";
      parameters.addAll(part.parameters());
      parameters.add(limit);
      return sql;
    }
    List<String> reads = new ArrayList<>();
    for (String code : codes) {
      LedgerFilter round = filter.inRound(code);
      reads.add("(" + select(parameters, now) + round.where(parameters, now, colours) + part.condition()
          + " order by " + part.orderBy() + " limit ?)");
      parameters.addAll(part.parameters());
      parameters.add(limit);
    }
    parameters.add(limit);
    return "select * from (" + String.join(" union all ", reads) + ") as rounds order by " + part.orderByLabels() + " limit ?";
  }

  /**
   * Open items of the rounds in scope falling due between now and {@code soon} from now, earliest first: the blue ones
   * (a look-back task on an accepted item is the supervisors' own work, not an item falling due).
   */
  public List<Row> dueSoon(CaseRounds.Scope rounds, Timestamp now, java.time.Duration soon, int limit) {
    Map<String, String> names = unitNames();
    List<Object> parameters = LedgerFilter.parameters();
    String select = select(parameters, now);
    String where = rounds.where("u", parameters);
    parameters.addAll(List.of(now, new Timestamp(now.getTime() + soon.toMillis()), limit));
    return withEvidence(jdbc.query(
        select + where + " and " + Colours.OPEN + " and u.due_at >= ? and u.due_at < ? order by u.due_at, p.problem_id limit ?",
        (rs, i) -> row(rs, names, now), parameters.toArray()));
  }

  public long count(LedgerFilter filter) {
    List<Object> parameters = LedgerFilter.parameters();
    String where = filter.where(parameters, now(), colours);
    String from = filter.readsProblems() ? "case_unit u join case_problem p on p.problem_id = u.problem_id"
        : "case_unit u"; // the join only when a problem column is filtered
    return jdbc.queryForObject("select count(*) from " + from + " where 1 = 1" + where, Long.class, parameters.toArray());
  }

  /**
   * Every row, from the database a batch at a time (a cursor, hence the transaction), for exports of any size; the
   * evidence of each batch in one query.
   */
  @Transactional(readOnly = true)
  public void each(LedgerFilter filter, Consumer<Row> consumer) {
    Timestamp now = now();
    List<Object> parameters = LedgerFilter.parameters();
    String sql = select(parameters, now) + filter.where(parameters, now, colours) + " order by " + filter.orderBy();
    Map<String, String> names = unitNames();
    List<Row> batch = new ArrayList<>(BATCH);
    jdbc.query(connection -> {
      var statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
      statement.setFetchSize(BATCH);
      for (int i = 0; i < parameters.size(); i++) {
        statement.setObject(i + 1, parameters.get(i));
      }
      return statement;
    }, rs -> {
      batch.add(row(rs, names, now));
      if (batch.size() == BATCH) {
        withEvidence(batch).forEach(consumer);
        batch.clear();
      }
    });
    withEvidence(batch).forEach(consumer);
  }

  /**
   * The problem categories in use, for the ledger's filter: one probe of case_problem_category per category, skipping
   * from one to the next, instead of reading every problem.
   */
  public List<String> categories() {
    return jdbc.queryForList("with recursive used (category) as ("
        + " select min(category) from case_problem"
        + " union all select (select min(p.category) from case_problem p where p.category > used.category)"
        + " from used where used.category is not null)"
        + " select category from used where category is not null order by category", String.class);
  }

  Map<String, String> unitNames() {
    return identity.createGroupQuery().list().stream().collect(Collectors.toMap(Group::getId, Group::getName));
  }

  /** The rows with their evidence files' names, asked for in one query. */
  private List<Row> withEvidence(List<Row> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<String, List<String>> files = evidence.fileNamesByUnitItem(rows.stream().map(Row::unitItem).toList());
    return rows.stream().map(row -> row.withEvidence(files.getOrDefault(row.unitItem(), List.of()))).toList();
  }

  /** The row's columns and its colour, from both tables, adding the colour's parameters; the filter follows. */
  private String select(List<Object> parameters, Timestamp now) {
    return COLUMNS + colours.of(parameters, now) + " as colour"
        + " from case_unit u join case_problem p on p.problem_id = u.problem_id where 1 = 1";
  }

  private Keyed keyed(ResultSet rs, LedgerFilter filter, Map<String, String> names, Timestamp now) throws SQLException {
    List<Object> key = new ArrayList<>();
    for (LedgerFilter.Key column : filter.keys()) {
      key.add(switch (column.type()) {
        case TEXT -> rs.getString(column.label());
        case NUMBER -> rs.getInt(column.label());
        case DATE -> rs.getObject(column.label(), LocalDate.class);
        case TIME -> rs.getTimestamp(column.label());
      });
    }
    return new Keyed(row(rs, names, now), new LedgerCursor(key));
  }

  /** A row as the register holds it, its evidence still to be asked for. */
  private Row row(ResultSet rs, Map<String, String> names, Timestamp now) throws SQLException {
    String stage = rs.getString("stage");
    Timestamp due = rs.getTimestamp("due_at");
    boolean open = CaseStatus.OPEN.name().equals(rs.getString("status"));
    // only the unit's own work is overdue: a late look-back (the row's task while it is closed) is the supervisors'
    long overdue = due == null || !open ? 0 : Days.begun(due, now);
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
        CaseStatus.CLOSED.name().equals(rs.getString("status")),
        CaseStatus.CLOSED.name().equals(rs.getString("problem_status")),
        overdue,
        instant(due),
        rs.getInt("returns"),
        rs.getInt("late_tasks"),
        instant(started),
        instant(rs.getTimestamp("closed_at")),
        approved == null ? null : Days.begun(started, approved),
        Colour.valueOf(rs.getString("colour")),
        UnitExtension.read(rs, deadlines),
        UnitLookBack.read(rs, deadlines),
        List.of());
  }


  private static Timestamp now() {
    return EngineClock.timestamp();
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
