package cn.zhenggai.rectification.casework;

import cn.zhenggai.rectification.vocabulary.Card;
import cn.zhenggai.rectification.vocabulary.CaseStatus;
import cn.zhenggai.rectification.vocabulary.Colour;
import cn.zhenggai.rectification.vocabulary.Stage;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * What a supervisor sees first: how many items have each 督办 colour now, where the items stand, who is late, which
 * cards (notices) went out, what falls due next.
 */
@Service
public class Overview {

  /** The colours the overview counts, in the legend's order. */
  static final List<Colour> COUNTED = List.of(Colour.BLUE, Colour.YELLOW, Colour.RED, Colour.GREEN);

  /**
   * The figures; byColour counts the items of each colour as the ledger's colour filter finds them, while yellowCards
   * and redCards count the items whose current task a yellow or red card notice went out for.
   */
  public record Figures(
      Map<Colour, Integer> byColour,
      Map<String, Integer> byStage,
      Map<String, Integer> byStatus,
      int yellowCards,
      int redCards,
      Map<String, Integer> overdueByUnit,
      Map<String, Integer> longOverdueByUnit,
      List<Ledger.Row> dueSoon,
      Duration soon) {

    /** "3 天", "12 小时", "2 分钟": the window of "due soon" as people say it. */
    public String soonInWords() {
      return Colours.inWords(soon);
    }
  }

  private final JdbcTemplate jdbc;
  private final Ledger ledger;
  private final Colours colours;

  Overview(JdbcTemplate jdbc, Ledger ledger, Colours colours) {
    this.jdbc = jdbc;
    this.ledger = ledger;
    this.colours = colours;
  }

  /** One pass over the register for all counts, then the few items due soon from the due-date index. */
  public Figures figures(CaseRounds.Scope rounds, Timestamp now) {
    Map<Colour, Integer> byColour = new EnumMap<>(Colour.class);
    COUNTED.forEach(colour -> byColour.put(colour, 0));
    Map<String, Integer> byStage = new java.util.TreeMap<>();
    Map<String, Integer> byStatus = new java.util.TreeMap<>();
    Map<String, Integer> overdueByUnit = new java.util.HashMap<>();
    Map<String, Integer> longOverdueByUnit = new java.util.HashMap<>();
    int[] cards = new int[2];
    Map<String, String> names = ledger.unitNames();
    List<Object> parameters = new java.util.ArrayList<>();
    String colour = colours.of(parameters, now);
    // the rounds named for the problems too (the same rounds as their units'), so PostgreSQL may join only the problems
    // of the rounds in scope (overview p95 523 -> 343 ms at 1,000,000 rows, README)
    String where = rounds.where("u", parameters) + rounds.where("p", parameters);
    jdbc.query("select stage, status, card, unit_id, colour, count(*) as n from (select u.stage, u.status, u.card, u.unit_id, "
        + colour + " as colour from case_unit u join case_problem p on p.problem_id = u.problem_id where 1 = 1" + where
        + ") as item group by stage, status, card, unit_id, colour", rs -> {
          int n = rs.getInt("n");
          Colour itemColour = Colour.valueOf(rs.getString("colour"));
          byColour.computeIfPresent(itemColour, (c, count) -> count + n);
          byStage.merge(Stage.valueOf(rs.getString("stage")).label(), n, Integer::sum);
          byStatus.merge(CaseStatus.valueOf(rs.getString("status")).label(), n, Integer::sum);
          Card card = Card.valueOf(rs.getString("card"));
          if (card == Card.YELLOW) {
            cards[0] += n;
          } else if (card == Card.RED) {
            cards[1] += n;
          }
          String unit = names.getOrDefault(rs.getString("unit_id"), rs.getString("unit_id"));
          if (itemColour == Colour.YELLOW || itemColour == Colour.RED) {
            overdueByUnit.merge(unit, n, Integer::sum);
          }
          if (itemColour == Colour.RED) {
            longOverdueByUnit.merge(unit, n, Integer::sum);
          }
        }, parameters.toArray());
    Map<String, Integer> overdue = new LinkedHashMap<>();
    overdueByUnit.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .forEach(entry -> overdue.put(entry.getKey(), entry.getValue()));
    return new Figures(byColour, byStage, byStatus, cards[0], cards[1], overdue, longOverdueByUnit,
        ledger.dueSoon(rounds, now, colours.beforeDue(), 20), colours.beforeDue());
  }

}
