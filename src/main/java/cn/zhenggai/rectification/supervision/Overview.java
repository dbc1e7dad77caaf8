package cn.zhenggai.rectification.supervision;

import cn.zhenggai.rectification.casework.Stage;
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

  public Figures figures(Timestamp now) {
    Map<String, Integer> byStage = new LinkedHashMap<>();
    jdbc.query("select stage, count(*) as n from case_unit group by stage order by stage", rs -> {
      byStage.put(Stage.valueOf(rs.getString("stage")).label(), rs.getInt("n"));
    });
    Map<String, Integer> byStatus = new LinkedHashMap<>();
    jdbc.query("select status, count(*) as n from case_unit group by status order by status", rs -> {
      byStatus.put(statusLabel(rs.getString("status")), rs.getInt("n"));
    });
    Map<String, String> names = ledger.unitNames();
    Map<String, Integer> overdue = new LinkedHashMap<>();
    jdbc.query("select unit_id, count(*) as n from case_unit where due_at < ? group by unit_id order by n desc, unit_id",
        rs -> {
          overdue.put(names.getOrDefault(rs.getString("unit_id"), rs.getString("unit_id")), rs.getInt("n"));
        }, now);
    return new Figures(byStage, byStatus, count("YELLOW"), count("RED"), overdue, ledger.dueSoon(now, soon, 20), soon);
  }

  private int count(String card) {
    return jdbc.queryForObject("select count(*) from case_unit where card = ?", Integer.class, card);
  }

  static String statusLabel(String status) {
    return switch (status) {
      case "OPEN" -> "整改中";
      case "CLOSED" -> "已完成";
      case "CANCELLED" -> "已撤销";
      default -> status;
    };
  }
}
