package cn.zhenggai.rectification.problem;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a round (整改批次) is called: the seed file's {@code round} section, and what a supervisor types to create one.
 *
 * @param code short and unique, letters, digits and hyphens, e.g. {@code 2022-SZPY}; the first part of case keys
 * @param name e.g. 2022年度抓基层党建工作述职评议
 * @param kind 述职评议, 巡察反馈, 审计整改 or 专项督查 (the list is in configuration)
 * @param date the day of the meeting or the report
 */
public record RoundHeader(String code, String name, String kind, LocalDate date) {

  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,31}");
  static final int MAX_NAME = 200;

  /** What is wrong with it, each naming the field; empty when it is fine. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (code == null || !CODE.matcher(code).matches()) {
      problems.add("字段 code（批次代码）缺失或格式不对：应为字母、数字和连字符，不超过 32 个字符，如 2023-SZPY");
    }
    if (name == null || name.isBlank()) {
      problems.add("字段 name（批次名称）缺失");
    } else if (name.length() > MAX_NAME) {
      problems.add("字段 name（批次名称）超过 " + MAX_NAME + " 个字");
    }
    if (kind == null || kind.isBlank()) {
      problems.add("字段 kind（批次类型）缺失");
    }
    if (date == null) {
      problems.add("字段 date（日期，如 2023-01-15）缺失");
    }
    return problems;
  }
}
