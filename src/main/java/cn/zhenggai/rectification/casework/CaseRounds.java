package cn.zhenggai.rectification.casework;

import cn.zhenggai.rectification.vocabulary.CaseStatus;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The rounds as the case register knows them, and which of them a ledger, overview or statistics request covers:
 * by default the rounds in progress (with open cases), so a finished round stops cluttering today's work.
 */
@Service
public class CaseRounds {

  /** The choice of every round, as the {@code round} parameter spells it. */
  public static final String ALL = "all";

  public record Round(String code, String name, boolean inProgress) {}

  /**
   * What a request covers.
   *
   * @param choice null (the rounds in progress), {@link #ALL}, or a round code
   * @param shown the rounds covered, as far as the register knows them
   * @param codes the round codes to narrow to, or null for no narrowing
   */
  public record Scope(String choice, List<Round> shown, List<String> codes) {

    /** More than one round in view: rows then name their round. */
    public boolean several() {
      return shown.size() > 1;
    }

    /** "2023年巡察反馈", "全部整改批次", or the names of the rounds in progress. */
    public String title() {
      if (shown.size() == 1) {
        return shown.get(0).name();
      }
      if (ALL.equals(choice) || shown.isEmpty() && choice == null) {
        return "全部整改批次";
      }
      return shown.isEmpty() ? choice : String.join("、", shown.stream().map(Round::name).toList());
    }

    /**
     * The where clause (after "where 1 = 1") on a case_unit or case_problem alias (both carry the round code), adding
     * its parameters.
     */
    String where(String alias, List<Object> parameters) {
      if (codes == null) {
        return "";
      }
      parameters.addAll(codes);
      return " and " + alias + ".round_code in (" + String.join(", ", codes.stream().map(code -> "?").toList()) + ")";
    }
  }

  private final JdbcTemplate jdbc;

  CaseRounds(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Every round with cases, newest first (by its first case). Read from the indexes, one probe per round and not a
   * row per case: the round codes by skipping from one to the next in case_problem_round_start, whether a round is in
   * progress from the partial index of the open cases.
   */
  public List<Round> all() {
    return jdbc.query("with recursive code (round_code) as ("
            + " select min(round_code) from case_problem"
            + " union all select (select min(p.round_code) from case_problem p where p.round_code > code.round_code)"
            + " from code where code.round_code is not null)"
            + " select code.round_code,"
            + " (select p.round_name from case_problem p where p.round_code = code.round_code order by p.started_at limit 1) as round_name,"
            + " (select min(p.started_at) from case_problem p where p.round_code = code.round_code) as opened,"
            + " case when exists (select 1 from case_problem p where p.round_code = code.round_code"
            + " and p.status = '" + CaseStatus.OPEN + "') then 1 else 0 end as open"
            + " from code where code.round_code is not null order by opened desc, code.round_code desc",
        (rs, i) -> new Round(rs.getString("round_code"), rs.getString("round_name"), rs.getInt("open") == 1));
  }

  /** The scope of a {@code round} parameter; with no round in progress, the default covers them all. */
  public Scope scope(String round) {
    String choice = choice(round);
    List<Round> rounds = all();
    if (ALL.equals(choice)) {
      return new Scope(choice, rounds, null);
    }
    if (choice != null) {
      return new Scope(choice, rounds.stream().filter(r -> r.code().equals(choice)).toList(), List.of(choice));
    }
    List<Round> inProgress = rounds.stream().filter(Round::inProgress).toList();
    return inProgress.isEmpty() ? new Scope(null, rounds, null)
        : new Scope(null, inProgress, inProgress.stream().map(Round::code).toList());
  }

  /** A checked {@code round} parameter: null (blank), {@link #ALL}, or something shaped like a round code. */
  static String choice(String round) {
    if (round == null || round.isBlank()) {
      return null;
    }
    String choice = round.strip();
    if (!choice.equals(ALL) && !choice.matches("[A-Za-z0-9][A-Za-z0-9-]{0,31}")) {
      throw new IllegalArgumentException("整改批次 round 只能是批次代码（如 2023-XCFK）或 all（全部批次）");
    }
    return choice;
  }
}
