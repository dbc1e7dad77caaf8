package cn.zhenggai.rectification.rounds;

import cn.zhenggai.rectification.casework.CaseRetention;
import cn.zhenggai.rectification.vocabulary.ExpiringRecords;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A round goes when its last case has gone and it was closed before the cut-off (a draft never published: created
 * before it), with its problem list and its log. A round that another round's problems were carried into stays until
 * that one has gone.
 */
@Component
class RoundRetention implements ExpiringRecords {

  private final NamedParameterJdbcTemplate jdbc;
  private final CaseRetention cases;

  RoundRetention(NamedParameterJdbcTemplate jdbc, CaseRetention cases) {
    this.jdbc = jdbc;
    this.cases = cases;
  }

  @Override
  public int removeOlderThan(Instant cutoff, int limit) {
    Set<String> withCases = cases.roundsWithCases();
    Map<String, Object> parameters = new HashMap<>();
    parameters.put("closed", RoundStatus.CLOSED.name());
    parameters.put("draft", RoundStatus.DRAFT.name());
    parameters.put("cutoff", Timestamp.from(cutoff));
    parameters.put("limit", limit);
    // "in ()" is no SQL: no round has the empty code
    parameters.put("kept", withCases.isEmpty() ? Set.of("") : withCases);
    List<String> codes = jdbc.queryForList(
        "select r.code from case_round r where (r.status = :closed and r.closed_at < :cutoff"
            + " or r.status = :draft and r.created_at < :cutoff) and r.code not in (:kept)"
            + " and not exists (select 1 from case_round o where o.carried_into = r.code)"
            + " order by r.code limit :limit",
        parameters, String.class);
    if (codes.isEmpty()) {
      return 0;
    }
    Map<String, List<String>> ids = Map.of("codes", codes);
    jdbc.update("delete from round_change where round_code in (:codes)", ids);
    jdbc.update("delete from round_problem where round_code in (:codes)", ids);
    return jdbc.update("delete from case_round where code in (:codes)", ids);
  }
}
