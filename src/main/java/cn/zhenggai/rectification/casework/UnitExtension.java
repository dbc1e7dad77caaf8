package cn.zhenggai.rectification.casework;

import cn.zhenggai.rectification.vocabulary.Stage;
import cn.zhenggai.rectification.vocabulary.StageDeadlines;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;

/**
 * A unit item's extensions (延期) as the register keeps them: the last date granted and for which step, how many were
 * granted, and the date asked for while a request waits.
 *
 * @param until the last granted due date (its day in the county's time zone), or null
 * @param stage DRAFT_PLAN (the plan's due date) or RECTIFY (the item's 整改时限), or null
 * @param count extensions granted (延期次数)
 * @param pendingUntil the date asked for while a request waits, or null
 */
public record UnitExtension(LocalDate until, String stage, int count, LocalDate pendingUntil) {

  /** The columns of case_unit it is read from. */
  static final String COLUMNS = "u.extended_until, u.extended_stage, u.extensions, u.extension_pending_until";

  static UnitExtension read(ResultSet rs, StageDeadlines deadlines) throws SQLException {
    Timestamp until = rs.getTimestamp("extended_until");
    return new UnitExtension(until == null ? null : deadlines.dayOf(until), rs.getString("extended_stage"),
        rs.getInt("extensions"), rs.getObject("extension_pending_until", LocalDate.class));
  }

  /** 延期至 as the ledger shows it: "2027-07-15（整改）" or "2027-05-01（方案）"; empty without an extension. */
  @JsonProperty
  public String text() {
    if (until == null) {
      return "";
    }
    return until + (Stage.DRAFT_PLAN.name().equals(stage) ? "（方案）" : "（整改）");
  }
}
