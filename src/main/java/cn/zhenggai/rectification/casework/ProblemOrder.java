package cn.zhenggai.rectification.casework;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ledger's order of problems: by round, then by number read as numbers (1.2 before 1.10). */
final class ProblemOrder {

  private static final Pattern DIGITS = Pattern.compile("\\d+");

  private ProblemOrder() {}

  /** {@code 2023-XCFK/1.10} → {@code 2023-XCFK/000001.000010}: runs of digits padded, so text order is number order. */
  static String of(String problemId) {
    int slash = problemId.indexOf('/');
    Matcher digits = DIGITS.matcher(problemId.substring(slash + 1));
    StringBuilder order = new StringBuilder(problemId.substring(0, slash + 1));
    while (digits.find()) {
      digits.appendReplacement(order, "0".repeat(Math.max(0, 6 - digits.group().length())) + digits.group());
    }
    digits.appendTail(order);
    return order.length() > 200 ? order.substring(0, 200) : order.toString();
  }

  /** The round code of a case key {@code <round code>/<number>} (round codes hold no slash). */
  static String roundOf(String problemId) {
    int slash = problemId.indexOf('/');
    return slash < 0 ? null : problemId.substring(0, slash);
  }
}
