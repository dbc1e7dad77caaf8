package cn.zhenggai.rectification.casework;

import cn.zhenggai.rectification.organization.UnitDirectory;
import cn.zhenggai.rectification.security.Viewer;
import cn.zhenggai.rectification.vocabulary.CaseStatus;
import cn.zhenggai.rectification.vocabulary.Stage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Reads the case register as the API shows it, to each viewer what they may see. */
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
      Instant closedAt) {}

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
      Instant closedAt) {}

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
          + " (select count(*) from case_unit u where u.problem_id = p.problem_id and u.stage = '" + Stage.ACCEPTED + "') as accepted"
          + " from case_problem p";

  private final JdbcTemplate jdbc;
  private final UnitDirectory units;
  private final CaseTimeline timeline;

  CaseQueries(JdbcTemplate jdbc, UnitDirectory units, CaseTimeline timeline) {
    this.jdbc = jdbc;
    this.units = units;
    this.timeline = timeline;
  }

  /** The problems the viewer may see: all of them, or those one of the viewer's units works on. */
  public List<CaseSummary> all(Viewer viewer) {
    return jdbc.query(SUMMARY + " order by p.problem_id", (rs, row) -> summary(rs)).stream()
        .filter(problem -> viewer.readsEverything() || !unitsOf(problem.problemId(), viewer).isEmpty())
        .toList();
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
            summary(rs),
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
    return jdbc.query(
        "select * from case_unit where problem_id = ? order by started_at, unit_id",
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
              instant(rs.getTimestamp("closed_at")));
        },
        problemId);
  }

  private static CaseSummary summary(ResultSet rs) throws SQLException {
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
        instant(rs.getTimestamp("closed_at")));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
