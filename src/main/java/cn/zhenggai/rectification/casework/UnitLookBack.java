package cn.zhenggai.rectification.casework;

import cn.zhenggai.rectification.vocabulary.CaseStatus;
import cn.zhenggai.rectification.vocabulary.LookBackResult;
import cn.zhenggai.rectification.vocabulary.StageDeadlines;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;

/**
 * A unit item's 回头看 and 复号 as the register keeps them.
 *
 * @param result null (not looked back at yet), or where the look-back stands
 * @param due when the problem's look-back is due (its day in the county's time zone), once the problem is closed
 * @param closed whether the item is accepted (again, after a reopening)
 * @param reopenings how often it was reopened (复号次数)
 */
public record UnitLookBack(LookBackResult result, LocalDate due, boolean closed, int reopenings) {

  /** The columns it is read from, of case_unit u and case_problem p. */
  static final String COLUMNS = "u.look_back_result, p.look_back_due_at, u.status as unit_status, u.reopenings";

  static UnitLookBack read(ResultSet rs, StageDeadlines deadlines) throws SQLException {
    Timestamp due = rs.getTimestamp("look_back_due_at");
    String result = rs.getString("look_back_result");
    return new UnitLookBack(result == null ? null : LookBackResult.valueOf(result),
        due == null ? null : deadlines.dayOf(due), CaseStatus.CLOSED.name().equals(rs.getString("unit_status")),
        rs.getInt("reopenings"));
  }

  /**
   * 回头看 as the ledger shows it: 回头看中 while the supervisors look; 已复号 while a reopened item is rectified again;
   * 整改成果巩固 once confirmed; 待回头看 with the date while an accepted item waits for it (also after a reopened item
   * was accepted again); empty before.
   */
  @JsonProperty
  public String text() {
    if (result == LookBackResult.PENDING || result == LookBackResult.CONSOLIDATED) {
      return result.label();
    }
    if (closed && due != null) {
      return "待回头看 " + due;
    }
    return result == LookBackResult.REOPENED ? result.label() : "";
  }
}
