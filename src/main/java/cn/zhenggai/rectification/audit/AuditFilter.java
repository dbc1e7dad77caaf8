package cn.zhenggai.rectification.audit;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which audit entries to list: by person (account), case (problem id), action, and days from and to (both
 * included, in the product's time zone). Any of them may be left out. A value that cannot be one is refused naming its
 * field.
 */
public record AuditFilter(String person, String problemId, String action, LocalDate from, LocalDate to) {

  private static final Pattern PERSON = Pattern.compile("[^\\p{Cntrl}]{1,255}");
  private static final Pattern CASE = Pattern.compile("[A-Za-z0-9-]{1,32}/[A-Za-z0-9.-]{1,31}");
  private static final Pattern ACTION = Pattern.compile("[A-Z_]{1,40}");

  /** From the query of a page, file or API call: {@code person}, {@code case}, {@code action}, {@code from}, {@code to}. */
  public static AuditFilter from(Map<String, String> query) {
    String person = given(query, "person");
    String problemId = given(query, "case");
    String action = given(query, "action");
    if (person != null && !PERSON.matcher(person).matches()) {
      throw new IllegalArgumentException("操作人 person 应为账号，不超过 255 个字符");
    }
    if (problemId != null && !CASE.matcher(problemId).matches()) {
      throw new IllegalArgumentException("问题 case 应为“批次代码/问题编号”，如 2022-SZPY/2.1");
    }
    if (action != null && !ACTION.matcher(action).matches()) {
      throw new IllegalArgumentException("操作 action 应为操作代码（大写字母和下划线），如 SIGN_IN");
    }
    LocalDate from = day(query, "from");
    LocalDate to = day(query, "to");
    if (from != null && to != null && from.isAfter(to)) {
      throw new IllegalArgumentException("起始日期 from 不能晚于截止日期 to");
    }
    return new AuditFilter(person, problemId, action, from, to);
  }

  /** What the filter holds, for a title line: "全部" when nothing. */
  public String title() {
    List<String> parts = new ArrayList<>();
    if (person != null) {
      parts.add("操作人 " + person);
    }
    if (problemId != null) {
      parts.add("问题 " + problemId);
    }
    if (action != null) {
      parts.add("操作 " + action);
    }
    if (from != null || to != null) {
      parts.add((from == null ? "" : from + " ") + "至" + (to == null ? "今" : " " + to));
    }
    return parts.isEmpty() ? "全部" : String.join("；", parts);
  }

  private static String given(Map<String, String> query, String field) {
    String value = query.get(field);
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static LocalDate day(Map<String, String> query, String field) {
    String value = given(query, field);
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException((field.equals("from") ? "起始日期 from" : "截止日期 to") + " 应为 yyyy-MM-dd，如 2026-12-01");
    }
  }
}
