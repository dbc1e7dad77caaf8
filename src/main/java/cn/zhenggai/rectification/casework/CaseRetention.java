package cn.zhenggai.rectification.casework;

import cn.zhenggai.rectification.vocabulary.CaseStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The register's share of the retention: which cases ended before the cut-off, and removing their rows of
 * {@code case_event}, {@code case_unit} and {@code case_problem} once every other package has removed its own.
 */
@Service
public class CaseRetention {

  private record Ended(String problemId, String processInstanceId) {}

  private final NamedParameterJdbcTemplate jdbc;
  private final RuntimeService runtime;

  CaseRetention(NamedParameterJdbcTemplate jdbc, RuntimeService runtime) {
    this.jdbc = jdbc;
    this.runtime = runtime;
  }

  /**
   * At most limit cases that ended before the cut-off, oldest end first (problem ids). A case whose process still runs
   * has not ended: it carries only the estimate V16 made for a case then waiting for its look-back, which is dropped
   * here (its real end sets it again), so it neither goes nor holds up the others.
   */
  public List<String> expired(Instant cutoff, int limit) {
    while (true) {
      List<Ended> ended = jdbc.query(
          "select problem_id, process_instance_id from case_problem where status <> :open and ended_at < :cutoff"
              + " order by ended_at, problem_id limit :limit",
          Map.of("open", CaseStatus.OPEN.name(), "cutoff", Timestamp.from(cutoff), "limit", limit),
          (rs, row) -> new Ended(rs.getString("problem_id"), rs.getString("process_instance_id")));
      if (ended.isEmpty()) {
        return List.of();
      }
      Set<String> running = new HashSet<>();
      runtime.createProcessInstanceQuery()
          .processInstanceIds(new HashSet<>(ended.stream().map(Ended::processInstanceId).toList())).list()
          .forEach(instance -> running.add(instance.getId()));
      if (running.isEmpty()) {
        return ended.stream().map(Ended::problemId).toList();
      }
      jdbc.update("update case_problem set ended_at = null where process_instance_id in (:running)",
          Map.of("running", running));
      List<String> past = ended.stream().filter(c -> !running.contains(c.processInstanceId()))
          .map(Ended::problemId).toList();
      if (!past.isEmpty()) {
        return past;
      }
    }
  }

  /** Removes the register's rows of these cases: their timelines, units and problems. */
  public void remove(Collection<String> problemIds) {
    if (problemIds.isEmpty()) {
      return;
    }
    Map<String, Collection<String>> ids = Map.of("ids", problemIds);
    jdbc.update("delete from case_event where problem_id in (:ids)", ids);
    jdbc.update("delete from case_unit where problem_id in (:ids)", ids);
    jdbc.update("delete from case_problem where problem_id in (:ids)", ids);
  }

  /** The rounds that still have cases in the register, ended or not. */
  public Set<String> roundsWithCases() {
    return new HashSet<>(jdbc.getJdbcTemplate().queryForList(
        "select distinct round_code from case_problem where round_code is not null", String.class));
  }
}
