package cn.zhenggai.rectification.casework;

import cn.zhenggai.rectification.vocabulary.CaseStatus;
import cn.zhenggai.rectification.vocabulary.Days;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Per unit: items, closed (accepted), closed on time (green: accepted no later than the deadline day, the unit's own
 * after an approved extension, and never reopened), on-time rate, average days to close, returns, overdue now (yellow
 * and red), extensions granted and reopenings; and the ranking (排名) by on-time rate. The same register rows and the
 * same colour rule as the ledger, so the numbers can be recounted from it.
 */
@Service
public class Statistics {

  public record UnitFigures(
      int rank, String unitId, String unitName, int items, int closed, int closedOnTime, double onTimeRate,
      Double averageDaysToClose, int returns, int overdueNow, int extensions, int reopenings) {}

  static final Map<String, Comparator<UnitFigures>> ORDERS = Map.of(
      "rate", Comparator.comparingDouble(UnitFigures::onTimeRate).reversed()
          .thenComparing(UnitFigures::averageDaysToClose, Comparator.nullsLast(Comparator.naturalOrder())),
      "items", Comparator.comparingInt(UnitFigures::items).reversed(),
      "closed", Comparator.comparingInt(UnitFigures::closed).reversed(),
      "returns", Comparator.comparingInt(UnitFigures::returns).reversed(),
      "overdue", Comparator.comparingInt(UnitFigures::overdueNow).reversed(),
      "days", Comparator.comparing(UnitFigures::averageDaysToClose, Comparator.nullsLast(Comparator.naturalOrder())));

  private final JdbcTemplate jdbc;
  private final Ledger ledger;

  Statistics(JdbcTemplate jdbc, Ledger ledger) {
    this.jdbc = jdbc;
    this.ledger = ledger;
  }

  /** Ranked by on-time rate; {@code order} re-sorts the table (one of {@link #ORDERS}), the rank stays. */
  public List<UnitFigures> byUnit(String order, CaseRounds.Scope rounds, java.sql.Timestamp now) {
    if (order != null && !ORDERS.containsKey(order)) {
      throw new IllegalArgumentException("排序 order 只能是 " + String.join("、", ORDERS.keySet().stream().sorted().toList()));
    }
    Map<String, String> names = ledger.unitNames();
    List<Object> parameters = new java.util.ArrayList<>(List.of(now));
    String where = rounds.where("u", parameters) + rounds.where("p", parameters); // as in Overview
    List<UnitFigures> figures = jdbc.query(
        "select u.unit_id, count(*) as items,"
            + " sum(case when " + Colours.ACCEPTED + " then 1 else 0 end) as closed,"
            + " sum(case when " + Colours.ON_TIME + " then 1 else 0 end) as on_time,"
            + " sum(u.returns_total) as returns,"
            + " sum(case when u.status = '" + CaseStatus.OPEN + "' and u.due_at < ? then 1 else 0 end) as overdue_now,"
            + " sum(u.extensions) as extensions, sum(u.reopenings) as reopenings"
            + " from case_unit u join case_problem p on p.problem_id = u.problem_id"
            + " where u.status <> 'CANCELLED'" + where + " group by u.unit_id",
        (rs, i) -> {
          int items = rs.getInt("items");
          int onTime = rs.getInt("on_time");
          return new UnitFigures(0, rs.getString("unit_id"), names.getOrDefault(rs.getString("unit_id"), rs.getString("unit_id")),
              items, rs.getInt("closed"), onTime, items == 0 ? 0 : Math.round(1000.0 * onTime / items) / 10.0,
              null, rs.getInt("returns"), rs.getInt("overdue_now"), rs.getInt("extensions"), rs.getInt("reopenings"));
        },
        parameters.toArray());
    Map<String, Double> days = averageDaysToClose(rounds);
    List<UnitFigures> ranked = figures.stream()
        .map(f -> new UnitFigures(0, f.unitId(), f.unitName(), f.items(), f.closed(), f.closedOnTime(), f.onTimeRate(),
            days.get(f.unitId()), f.returns(), f.overdueNow(), f.extensions(), f.reopenings()))
        .sorted(ORDERS.get("rate").thenComparing(UnitFigures::unitId))
        .toList();
    List<UnitFigures> withRank = java.util.stream.IntStream.range(0, ranked.size())
        .mapToObj(i -> {
          UnitFigures f = ranked.get(i);
          return new UnitFigures(i + 1, f.unitId(), f.unitName(), f.items(), f.closed(), f.closedOnTime(), f.onTimeRate(),
              f.averageDaysToClose(), f.returns(), f.overdueNow(), f.extensions(), f.reopenings());
        })
        .toList();
    return order == null ? withRank : withRank.stream().sorted(ORDERS.get(order).thenComparing(UnitFigures::rank)).toList();
  }

  /** Average of (closed − started) in days, one decimal, over accepted items; computed here to stay portable. */
  private Map<String, Double> averageDaysToClose(CaseRounds.Scope rounds) {
    Map<String, double[]> sums = new java.util.HashMap<>();
    List<Object> parameters = new java.util.ArrayList<>();
    String where = rounds.where("u", parameters);
    jdbc.query("select unit_id, started_at, closed_at from case_unit u where " + Colours.ACCEPTED + where, rs -> {
      double days = Days.between(rs.getTimestamp("started_at"), rs.getTimestamp("closed_at"));
      double[] sum = sums.computeIfAbsent(rs.getString("unit_id"), k -> new double[2]);
      sum[0] += days;
      sum[1]++;
    }, parameters.toArray());
    Map<String, Double> averages = new java.util.HashMap<>();
    sums.forEach((unit, sum) -> averages.put(unit, Math.round(10 * sum[0] / sum[1]) / 10.0));
    return averages;
  }
}
