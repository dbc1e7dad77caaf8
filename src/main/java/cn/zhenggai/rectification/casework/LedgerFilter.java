package cn.zhenggai.rectification.casework;

import cn.zhenggai.rectification.vocabulary.CaseStatus;
import cn.zhenggai.rectification.vocabulary.Colour;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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

  /**
   * Orders on case_unit's own columns where possible, so its indexes serve them; each ends in a unique key, so a page
   * can begin after the last row of the one before (keyset paging, {@link LedgerCursor}).
   */
  static final Map<String, List<Key>> SORTS = Map.of(
      "problem", List.of(Key.text("u.problem_order"), Key.text("u.unit_id")),
      "unit", List.of(Key.text("u.unit_id"), Key.text("u.problem_order")),
      "deadline", List.of(new Key("p.deadline", LedgerCursor.Type.DATE, false), Key.text("u.problem_order"), Key.text("u.unit_id")),
      "due", List.of(new Key("u.due_at", LedgerCursor.Type.TIME, true), Key.text("u.problem_id"), Key.text("u.unit_id")),
      "stage", List.of(Key.text("u.stage"), Key.text("u.problem_order"), Key.text("u.unit_id")),
      "returns", List.of(new Key("u.returns_total", LedgerCursor.Type.NUMBER, false), Key.text("u.problem_id"), Key.text("u.unit_id")));
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
    if (readsProblems()) {
      where.append(rounds.where("p", parameters)); // the same rounds: PostgreSQL then joins only their problems
    }
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

  /**
   * A column of a sort; nullable only for the due date, which closed items lack: their rows come last, or first when
   * descending (PostgreSQL's own order of nulls, so the due-date index still serves it; H2 is told the same).
   */
  record Key(String column, LedgerCursor.Type type, boolean nullable) {

    static Key text(String column) {
      return new Key(column, LedgerCursor.Type.TEXT, false);
    }

    /** The column's name in the ledger's result set. */
    String label() {
      return column.substring(column.indexOf('.') + 1);
    }
  }

  /**
   * A part of the ledger in sort order that one query reads from an index: the condition (after the filter's) and its
   * parameters. A sort on the due date has two, the dated rows and the undated ones, since a row-value comparison
   * with a null finds nothing; the undated ones are ordered by the other keys alone.
   */
  record Part(String condition, List<Object> parameters, List<Key> keys, boolean descending) {

    String orderBy() {
      return orderBy(Key::column);
    }

    /** The same order on a derived table of the ledger's columns. */
    String orderByLabels() {
      return orderBy(Key::label);
    }

    private String orderBy(Function<Key, String> name) {
      List<String> columns = new ArrayList<>();
      for (Key key : keys) {
        String nulls = key.nullable() ? (descending ? " nulls first" : " nulls last") : "";
        columns.add(name.apply(key) + (descending ? " desc" : "") + nulls);
      }
      return String.join(", ", columns);
    }
  }

  /** The same filter on one round of its scope. */
  LedgerFilter inRound(String code) {
    return new LedgerFilter(unit, category, stage, status, overdue, colour, sort, descending,
        new CaseRounds.Scope(rounds.choice(), rounds.shown(), List.of(code)));
  }

  String orderBy() {
    return new Part("", List.of(), keys(), descending).orderBy();
  }

  List<Key> keys() {
    return SORTS.get(sort);
  }

  /** The {@code after} parameter read against this sort, or null when there is none. */
  public LedgerCursor cursor(String after) {
    if (after == null || after.isBlank()) {
      return null;
    }
    LedgerCursor cursor = LedgerCursor.decoded(after, keys().stream().map(Key::type).toList());
    for (int i = 0; i < keys().size(); i++) {
      if (cursor.values().get(i) == null && !keys().get(i).nullable()) {
        throw new IllegalArgumentException(LedgerCursor.BAD);
      }
    }
    return cursor;
  }

  /** The parts still to read after {@code cursor} (all of them for none), in sort order. */
  List<Part> partsAfter(LedgerCursor cursor) {
    List<Key> keys = keys();
    Key first = keys.get(0);
    if (!first.nullable()) {
      return List.of(cursor == null ? new Part("", List.of(), keys, descending) : after(keys, cursor.values()));
    }
    String dated = " and " + first.column() + " is not null";
    String undated = " and " + first.column() + " is null";
    List<Key> others = keys.subList(1, keys.size());
    Part datedPart = cursor == null || cursor.values().get(0) == null ? new Part(dated, List.of(), keys, descending)
        : after(keys, cursor.values());
    Part undatedPart = cursor == null || cursor.values().get(0) != null ? new Part(undated, List.of(), others, descending)
        : new Part(undated + after(others, cursor.values().subList(1, keys.size())).condition(),
            cursor.values().subList(1, keys.size()), others, descending);
    boolean inUndated = cursor != null && cursor.values().get(0) == null;
    boolean pastDated = cursor != null && cursor.values().get(0) != null;
    if (descending) { // the undated rows first
      return inUndated || cursor == null ? List.of(undatedPart, datedPart) : List.of(datedPart);
    }
    return pastDated || cursor == null ? List.of(datedPart, undatedPart) : List.of(undatedPart);
  }

  /** The rows after the given values of the keys: one row-value comparison, which the sort's index serves. */
  private Part after(List<Key> keys, List<Object> values) {
    String columns = String.join(", ", keys.stream().map(Key::column).toList());
    String marks = String.join(", ", keys.stream().map(key -> "?").toList());
    return new Part(" and (" + columns + ") " + (descending ? "<" : ">") + " (" + marks + ")", values, keys, descending);
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
