package cn.zhenggai.rectification.casework;

import cn.zhenggai.rectification.vocabulary.Card;
import cn.zhenggai.rectification.vocabulary.CaseStatus;
import cn.zhenggai.rectification.vocabulary.Stage;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** What a supervisor sees first: where the items stand, who is late, which cards are out, what falls due next. */
@Service
public class Overview {

  public record Figures(
      Map<String, Integer> byStage,
      Map<String, Integer> byStatus,
      int yellowCards,
      int redCards,
      Map<String, Integer> overdueByUnit,
      List<Ledger.Row> dueSoon,
      Duration soon) {

    /** "3 天", "12 小时", "2 分钟": the window of "due soon" as people say it. */
    public String soonInWords() {
      if (soon.toDays() > 0 && soon.toHoursPart() == 0) {
        return soon.toDays() + " 天";
      }
      if (soon.toHours() > 0 && soon.toMinutesPart() == 0) {
        return soon.toHours() + " 小时";
      }
      return Math.max(1, soon.toMinutes()) + " 分钟";
    }
  }

  private final JdbcTemplate jdbc;
  private final Ledger ledger;
  private final Duration soon;

  Overview(JdbcTemplate jdbc, Ledger ledger, @Value("${rectification.reminders.before-due}") Duration soon) {
    this.jdbc = jdbc;
    this.ledger = ledger;
    this.soon = soon;
  }

  /** One pass over the register for all counts, then the few items due soon from the due-date index. */
  public Figures figures(CaseRounds.Scope rounds, Timestamp now) {
    Map<String, Integer> byStage = new java.util.TreeMap<>();
    Map<String, Integer> byStatus = new java.util.TreeMap<>();
    Map<String, Integer> overdueByUnit = new java.util.HashMap<>();
    int[] cards = new int[2];
    Map<String, String> names = ledger.unitNames();
    List<Object> parameters = new java.util.ArrayList<>(List.of(now));
    String where = rounds.where("u", parameters);
    jdbc.query("select stage, status, card, unit_id, count(*) as n, sum(case when due_at < ? then 1 else 0 end) as overdue"
        + " from case_unit u where 1 = 1" + where + " group by stage, status, card, unit_id", rs -> {
          int n = rs.getInt("n");
          byStage.merge(Stage.valueOf(rs.getString("stage")).label(), n, Integer::sum);
          byStatus.merge(CaseStatus.valueOf(rs.getString("status")).label(), n, Integer::sum);
          Card card = Card.valueOf(rs.getString("card"));
          if (card == Card.YELLOW) {
            cards[0] += n;
          } else if (card == Card.RED) {
            cards[1] += n;
          }
          if (rs.getInt("overdue") > 0) {
            overdueByUnit.merge(names.getOrDefault(rs.getString("unit_id"), rs.getString("unit_id")), rs.getInt("overdue"), Integer::sum);
          }
        }, parameters.toArray());
    Map<String, Integer> overdue = new LinkedHashMap<>();
    overdueByUnit.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .forEach(entry -> overdue.put(entry.getKey(), entry.getValue()));
    return new Figures(byStage, byStatus, cards[0], cards[1], overdue, ledger.dueSoon(rounds, now, soon, 20), soon);
  }

}
