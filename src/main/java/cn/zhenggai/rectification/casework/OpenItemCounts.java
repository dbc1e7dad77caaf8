package cn.zhenggai.rectification.casework;

import cn.zhenggai.rectification.vocabulary.Card;
import cn.zhenggai.rectification.vocabulary.CaseStatus;
import cn.zhenggai.rectification.vocabulary.EngineClock;
import cn.zhenggai.rectification.vocabulary.Stage;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The open work items of the case register, counted by stage in one grouped query: each unit's rectification that is
 * not finished ({@code case_unit}), and each problem waiting for its own closure task ({@code case_problem} with a
 * task). Overdue means the current task's due date has passed (engine clock, as in the ledger); a card counts only
 * while the item is open, as it describes the current task.
 */
@Service
public class OpenItemCounts {

  /** The stages in which an item has a task someone must work. */
  public static final List<Stage> WORK_STAGES = List.of(
      Stage.DRAFT_PLAN, Stage.REVIEW_PLAN, Stage.RECTIFY, Stage.ACCEPT_RECTIFICATION, Stage.CONFIRM_CLOSURE);

  /** Per stage: open items, of them overdue, with a yellow card, with a red card. */
  public record ByStage(long open, long overdue, long yellow, long red) {

    public long cards(Card card) {
      return switch (card) {
        case YELLOW -> yellow;
        case RED -> red;
        case NONE -> 0;
      };
    }
  }

  private final JdbcTemplate jdbc;

  OpenItemCounts(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Every stage of {@link #WORK_STAGES}, zero where nothing is open. */
  public Map<Stage, ByStage> byStage() {
    Map<Stage, ByStage> counts = new EnumMap<>(Stage.class);
    WORK_STAGES.forEach(stage -> counts.put(stage, new ByStage(0, 0, 0, 0)));
    jdbc.query("select stage, count(*) as open_items,"
        + " sum(case when due_at < ? then 1 else 0 end) as overdue,"
        + " sum(case when card = '" + Card.YELLOW + "' then 1 else 0 end) as yellow,"
        + " sum(case when card = '" + Card.RED + "' then 1 else 0 end) as red"
        + " from (select stage, due_at, card from case_unit where status = ?"
        + " union all select stage, due_at, card from case_problem where status = ? and task_id is not null) item"
        + " group by stage", rs -> {
          counts.put(Stage.valueOf(rs.getString("stage")), new ByStage(
              rs.getLong("open_items"), rs.getLong("overdue"), rs.getLong("yellow"), rs.getLong("red")));
        }, EngineClock.timestamp(), CaseStatus.OPEN.name(), CaseStatus.OPEN.name());
    return counts;
  }
}
