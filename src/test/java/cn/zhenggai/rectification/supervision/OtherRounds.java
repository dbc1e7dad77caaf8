package cn.zhenggai.rectification.supervision;

import cn.zhenggai.rectification.casework.CaseOpening;
import cn.zhenggai.rectification.casework.CaseStarter;
import cn.zhenggai.rectification.problem.Problem;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two rounds beside the demo round: 2023-XCFK in progress, numbered 1.1 (as the demo round's 1.1), 1.2 and 1.10, four
 * unit items; and 2021-ZXDC, one item, closed two years ago.
 */
final class OtherRounds {

  static final String INSPECTION = "2023-XCFK";
  static final String INSPECTION_NAME = "2023年巡察反馈";
  static final String CLOSED = "2021-ZXDC";
  static final String CLOSED_NAME = "2021年专项督查";

  private OtherRounds() {}

  static void open(CaseStarter starter, JdbcTemplate jdbc) {
    starter.startIfNew(new CaseOpening(INSPECTION, INSPECTION_NAME, problem("1.1", "street-chengguan", "street-dongcheng"), null));
    starter.startIfNew(new CaseOpening(INSPECTION, INSPECTION_NAME, problem("1.10", "street-chengguan"), null));
    starter.startIfNew(new CaseOpening(INSPECTION, INSPECTION_NAME, problem("1.2", "street-chengguan"), null));
    starter.startIfNew(new CaseOpening(CLOSED, CLOSED_NAME, problem("1.1", "organs"), null));
    String closed = " set status = 'CLOSED', started_at = started_at - interval '700 days',"
        + " closed_at = started_at - interval '670 days', task_id = null, due_at = null";
    jdbc.update("update case_problem" + closed + ", stage = 'CLOSED' where round_code = ?", CLOSED);
    jdbc.update("update case_unit" + closed + ", stage = 'ACCEPTED' where round_code = ?", CLOSED);
  }

  private static Problem problem(String number, String... units) {
    return new Problem(number, "巡察反馈问题", "巡察问题 " + number, "巡察反馈原文 " + number, List.of("立行立改"),
        List.of(units), List.of("org-dept"), LocalDate.of(2027, 6, 30));
  }
}
