package cn.zhenggai.rectification.casework;

import cn.zhenggai.rectification.organization.UnitDirectory;
import cn.zhenggai.rectification.security.Viewer;
import cn.zhenggai.rectification.vocabulary.CaseStatus;
import cn.zhenggai.rectification.vocabulary.Colour;
import cn.zhenggai.rectification.vocabulary.EngineClock;
import cn.zhenggai.rectification.vocabulary.Stage;
import cn.zhenggai.rectification.vocabulary.StageDeadlines;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Reads the case register as the API shows it, to each viewer what they may see: each unit with its 督办 colour, a
 * problem with the worst colour of the units the viewer sees.
 */
@Service
public class CaseQueries {

  public record CaseSummary(
      String problemId,
      String category,
      String title,
      LocalDate deadline,
      String stage,
      String stageName,
      String status,
      String card,
      int lateTasks,
      int units,
      int unitsAccepted,
      String taskId,
      String assignee,
      Instant dueAt,
      Instant startedAt,
      Instant closedAt,
      Colour colour,
      int reopenings) {}

  /** A unit's case; extension and lookBack as the ledger shows them. */
  public record UnitCase(
      String unitId,
      String unitName,
      String processInstanceId,
      String stage,
      String stageName,
      String status,
      String card,
      int lateTasks,
      String taskId,
      String assignee,
      Instant dueAt,
      int planReturns,
      int rectificationReturns,
      int returns,
      Instant startedAt,
      Instant closedAt,
      Colour colour,
      UnitExtension extension,
      UnitLookBack lookBack) {}

  /** A problem as the register holds it: its units and its timeline, to the viewer what they may see. */
  public record CaseRecord(
      CaseSummary summary,
      String source,
      List<String> supervisors,
      String processInstanceId,
      List<UnitCase> units,
      List<CaseTimeline.Event> timeline) {}

  private static final String SUMMARY =
      "select p.*, (select count(*) from case_unit u where u.problem_id = p.problem_id) as units,"
          + " (select count(*) from case_unit u where u.problem_id = p.problem_id and " + Colours.ACCEPTED + ") as accepted"
          + " from case_problem p";

  /** A unit's colour, for the problem's. */
  private record UnitColour(String unitId, String status, Colour colour) {}

  private final JdbcTemplate jdbc;
  private final UnitDirectory units;
  private final CaseTimeline timeline;
  private final Colours colours;
  private final StageDeadlines deadlines;

  CaseQueries(JdbcTemplate jdbc, UnitDirectory units, CaseTimeline timeline, Colours colours, StageDeadlines deadlines) {
    this.jdbc = jdbc;
    this.units = units;
    this.timeline = timeline;
    this.colours = colours;
    this.deadlines = deadlines;
  }

  /** The most problems one answer of {@link #page} holds. */
  public static final int MOST = 1000;

  /** A page of problems, and the key the next one begins after (null after the last). */
  public record CasePage(List<CaseSummary> cases, String next) {}

  /**
   * Up to {@code limit} problems the viewer may see (all, or those one of the viewer's units works on) after the case
   * key {@code after} (null: from the first), in key order: a province holds hundreds of thousands, so never all at
   * once; each page reads its own problems and their units by the primary keys.
   */
  public CasePage page(Viewer viewer, String after, int limit) {
    if (limit < 1 || limit > MOST) {
      throw new IllegalArgumentException("limit 应在 1 到 " + MOST + " 之间");
    }
    if (after != null && (after.length() > 64 || !after.matches("[A-Za-z0-9][A-Za-z0-9-]{0,31}/\\S+"))) {
      throw new IllegalArgumentException("翻页位置 after 应为上一页最后一个问题的编号（如 2022-SZPY/1.1）");
    }
    List<Object> parameters = new ArrayList<>();
    StringBuilder where = new StringBuilder(" where 1 = 1");
    if (after != null) {
      where.append(" and p.problem_id > ?");
      parameters.add(after);
    }
    if (!viewer.readsEverything()) {
      if (viewer.units().isEmpty()) {
        return new CasePage(List.of(), null);
      }
      where.append(" and exists (select 1 from case_unit v where v.problem_id = p.problem_id and v.unit_id in (")
          .append(String.join(", ", viewer.units().stream().map(unit -> "?").toList())).append("))");
      parameters.addAll(viewer.units());
    }
    parameters.add(limit + 1);
    List<String> ids = jdbc.queryForList("select p.problem_id from case_problem p" + where + " order by p.problem_id limit ?",
        String.class, parameters.toArray());
    List<String> shown = ids.subList(0, Math.min(limit, ids.size()));
    if (shown.isEmpty()) {
      return new CasePage(List.of(), null);
    }
    Map<String, List<UnitColour>> unitColours = unitColours(shown);
    String marks = String.join(", ", shown.stream().map(id -> "?").toList());
    List<CaseSummary> cases = jdbc.query(SUMMARY + " where p.problem_id in (" + marks + ") order by p.problem_id",
        (rs, row) -> summary(rs, worst(unitColours.getOrDefault(rs.getString("problem_id"), List.of()).stream()
            .filter(unit -> viewer.sees(unit.unitId())).toList())),
        shown.toArray());
    return new CasePage(cases, ids.size() > limit ? shown.get(limit - 1) : null);
  }

  /** A round's problem still at work, as carrying it over into a later round needs it. */
  public record OpenCase(String problemId, String number, String category, String title, String source,
      List<String> supervisors, Stage stage) {}

  public List<OpenCase> openCases(String roundCode) {
    return jdbc.query("select * from case_problem where round_code = ? and status = ? order by started_at, problem_id",
        (rs, row) -> new OpenCase(rs.getString("problem_id"), rs.getString("problem_number"), rs.getString("category"),
            rs.getString("title"), rs.getString("source_text"), Arrays.asList(rs.getString("supervisor_groups").split(",")),
            Stage.valueOf(rs.getString("stage"))),
        roundCode, CaseStatus.OPEN.name());
  }

  /** A problem with the units the viewer may see, or empty where the viewer may see none of it. */
  public Optional<CaseRecord> one(String problemId, Viewer viewer) {
    List<UnitCase> units = unitsOf(problemId, viewer);
    if (!viewer.readsEverything() && units.isEmpty()) {
      return Optional.empty();
    }
    List<CaseRecord> found = jdbc.query(
        SUMMARY + " where p.problem_id = ?",
        (rs, row) -> new CaseRecord(
            summary(rs, worst(units.stream().map(unit -> new UnitColour(unit.unitId(), unit.status(), unit.colour())).toList())),
            rs.getString("source_text"),
            Arrays.asList(rs.getString("supervisor_groups").split(",")),
            rs.getString("process_instance_id"),
            units,
            timeline.events(problemId).stream().filter(e -> e.unitId() == null || viewer.sees(e.unitId())).toList()),
        problemId);
    return found.stream().findFirst();
  }


  private List<UnitCase> unitsOf(String problemId, Viewer viewer) {
    return unitsOf(problemId).stream().filter(unit -> viewer.sees(unit.unitId())).toList();
  }

  private List<UnitCase> unitsOf(String problemId) {
    List<Object> parameters = new ArrayList<>();
    String colour = colours.of(parameters, EngineClock.timestamp());
    parameters.add(problemId);
    return jdbc.query(
        "select u.*, " + UnitLookBack.COLUMNS + ", " + colour + " as colour"
            + " from case_unit u join case_problem p on p.problem_id = u.problem_id where u.problem_id = ?"
            + " order by u.started_at, u.unit_id",
        (rs, row) -> {
          Stage stage = Stage.valueOf(rs.getString("stage"));
          int planReturns = rs.getInt("plan_returns");
          int rectificationReturns = rs.getInt("rectification_returns");
          return new UnitCase(
              rs.getString("unit_id"),
              units.nameOf(rs.getString("unit_id")),
              rs.getString("process_instance_id"),
              stage.name(),
              stage.label(),
              rs.getString("status"),
              rs.getString("card"),
              rs.getInt("late_tasks"),
              rs.getString("task_id"),
              rs.getString("assignee"),
              instant(rs.getTimestamp("due_at")),
              planReturns,
              rectificationReturns,
              planReturns + rectificationReturns,
              instant(rs.getTimestamp("started_at")),
              instant(rs.getTimestamp("closed_at")),
              Colour.valueOf(rs.getString("colour")),
              UnitExtension.read(rs, deadlines),
              UnitLookBack.read(rs, deadlines));
        },
        parameters.toArray());
  }

  /** The units of the given problems with their colours, by problem. */
  private Map<String, List<UnitColour>> unitColours(List<String> problemIds) {
    List<Object> parameters = new ArrayList<>();
    String colour = colours.of(parameters, EngineClock.timestamp());
    parameters.addAll(problemIds);
    Map<String, List<UnitColour>> byProblem = new HashMap<>();
    jdbc.query("select u.problem_id, u.unit_id, u.status, " + colour + " as colour"
        + " from case_unit u join case_problem p on p.problem_id = u.problem_id where u.problem_id in ("
        + String.join(", ", problemIds.stream().map(id -> "?").toList()) + ")", rs -> {
          byProblem.computeIfAbsent(rs.getString("problem_id"), problem -> new ArrayList<>()).add(
              new UnitColour(rs.getString("unit_id"), rs.getString("status"), Colour.valueOf(rs.getString("colour"))));
        }, parameters.toArray());
    return byProblem;
  }

  /** The worst colour of the units still in the case (a unit withdrawn or carried over has none to give). */
  private static Colour worst(List<UnitColour> units) {
    return Colour.worst(units.stream()
        .filter(unit -> CaseStatus.OPEN.name().equals(unit.status()) || CaseStatus.CLOSED.name().equals(unit.status()))
        .map(UnitColour::colour).toList());
  }

  private static CaseSummary summary(ResultSet rs, Colour colour) throws SQLException {
    Stage stage = Stage.valueOf(rs.getString("stage"));
    return new CaseSummary(
        rs.getString("problem_id"),
        rs.getString("category"),
        rs.getString("title"),
        rs.getObject("deadline", LocalDate.class),
        stage.name(),
        stage.label(),
        rs.getString("status"),
        rs.getString("card"),
        rs.getInt("late_tasks"),
        rs.getInt("units"),
        rs.getInt("accepted"),
        rs.getString("task_id"),
        rs.getString("assignee"),
        instant(rs.getTimestamp("due_at")),
        instant(rs.getTimestamp("started_at")),
        instant(rs.getTimestamp("closed_at")),
        colour,
        rs.getInt("reopenings"));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
