package cn.zhenggai.rectification.casework;

import cn.zhenggai.rectification.vocabulary.CaseStatus;
import cn.zhenggai.rectification.vocabulary.Colour;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What the ledger is narrowed to and ordered by; every value is checked, so nothing from the request reaches SQL
 * except as a bound parameter or one of the listed column names.
 *
 * @param unit a unit id, or null for all
 * @param category a problem category, or null
 * @param stage a stage code (DRAFT_PLAN …), or null
 * @param status OPEN, CLOSED or CANCELLED, or null
 * @param overdue true for overdue items only (open, their task past its due date: yellow and red)
 * @param colour the 督办 colour (never NONE), or null for all
 * @param sort one of {@link #SORTS}
 * @param descending reverse order
 * @param rounds the rounds covered (by default those in progress)
 */
public record LedgerFilter(String unit, String category, String stage, String status, boolean overdue, Colour colour,
    String sort, boolean descending, CaseRounds.Scope rounds) {

  /** Orders on case_unit's own columns where possible, so its indexes serve them. */
  static final Map<String, String> SORTS = Map.of(
      "problem", "u.problem_order, u.unit_id",
      "unit", "u.unit_id, u.problem_order",
      "deadline", "p.deadline, u.problem_order, u.unit_id",
      "due", "u.due_at, u.problem_id, u.unit_id",
      "stage", "u.stage, u.problem_order, u.unit_id",
      "returns", "u.returns_total, u.problem_id, u.unit_id");
  static final List<String> STATUSES = Arrays.stream(CaseStatus.values()).map(CaseStatus::name).toList();
  static final String COLOURS = "颜色 colour 只能是 BLUE（蓝）、YELLOW（黄）、RED（红）或 GREEN（绿）";

  public LedgerFilter {
    unit = blankToNull(unit);
    category = blankToNull(category);
    stage = blankToNull(stage);
    status = blankToNull(status);
    rounds = rounds == null ? new CaseRounds.Scope(CaseRounds.ALL, List.of(), null) : rounds;
    sort = sort == null || sort.isBlank() ? "problem" : sort;
    if (!SORTS.containsKey(sort)) {
      throw new IllegalArgumentException("排序字段 sort 只能是 " + String.join("、", SORTS.keySet().stream().sorted().toList()));
    }
    if (status != null && !STATUSES.contains(status)) {
      throw new IllegalArgumentException("状态 status 只能是 OPEN、CLOSED 或 CANCELLED");
    }
    if (stage != null && !stage.matches("[A-Z_]{1,32}")) {
      throw new IllegalArgumentException("环节 stage 不正确");
    }
    if (colour == Colour.NONE) {
      throw new IllegalArgumentException(COLOURS);
    }
  }

  /** From a request's query parameters: round, unit, category, stage, status, overdue, colour, sort, desc. */
  public static LedgerFilter from(Map<String, String> query, CaseRounds rounds) {
    return new LedgerFilter(query.get("unit"), query.get("category"), query.get("stage"), query.get("status"),
        "true".equals(query.get("overdue")), colour(query.get("colour")), query.get("sort"),
        "true".equals(query.get("desc")), rounds.scope(query.get("round")));
  }

  /** Whether the where clause reads case_problem p as well as case_unit u. */
  boolean readsProblems() {
    return category != null || colour == Colour.GREEN;
  }


  /** The where clause (after "where 1 = 1") and its parameters; overdue and the colours compare with {@code now}. */
  String where(List<Object> parameters, java.sql.Timestamp now, Colours colours) {
    StringBuilder where = new StringBuilder(rounds.where("u", parameters));
    if (unit != null) {
      where.append(" and u.unit_id = ?");
      parameters.add(unit);
    }
    if (category != null) {
      where.append(" and p.category = ?");
      parameters.add(category);
    }
    if (stage != null) {
      where.append(" and u.stage = ?");
      parameters.add(stage);
    }
    if (status != null) {
      where.append(" and u.status = ?");
      parameters.add(status);
    }
    if (overdue) {
      where.append(" and " + Colours.OPEN + " and u.due_at < ?");
      parameters.add(now);
    }
    if (colour != null) {
      where.append(colours.where(colour, parameters, now));
    }
    return where.toString();
  }

  String orderBy() {
    String columns = SORTS.get(sort);
    return descending ? String.join(" desc, ", columns.split(", ")) + " desc" : columns;
  }

  static List<Object> parameters() {
    return new ArrayList<>();
  }

  private static Colour colour(String value) {
    String colour = blankToNull(value);
    if (colour == null) {
      return null;
    }
    return Arrays.stream(Colour.values()).filter(c -> c != Colour.NONE && c.name().equalsIgnoreCase(colour)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(COLOURS));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
