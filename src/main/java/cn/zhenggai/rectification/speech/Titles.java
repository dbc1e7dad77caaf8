package cn.zhenggai.rectification.speech;

import java.util.regex.Matcher;

/** A problem's title for lists and the ledger: its source's own first words, at most 30 characters. */
final class Titles {

  static final int MAX = 30;

  private Titles() {}

  static String of(String source) {
    String title = source;
    Matcher lead = Chinese.LEAD.matcher(title);
    if (lead.find() && lead.end() < title.length()) {
      title = title.substring(lead.end());
    }
    title = title.substring(0, Clauses.firstOutsideQuotes(title, 0, title.length(), "，,；;。！？!?：:\n"));
    if (title.length() > MAX) {
      title = title.substring(0, Clauses.firstOutsideQuotes(title, 0, title.length(), "、"));
    }
    if (title.codePointCount(0, title.length()) > MAX) {
      title = title.substring(0, title.offsetByCodePoints(0, MAX - 1)) + "…";
    }
    Span span = new Span(0, title.length()).cleaned(title);
    return span.of(title);
  }
}
