package cn.zhenggai.rectification.casework;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Where a ledger page ended: the values of the sort's columns in its last row, handed to the client as an opaque
 * {@code after} parameter (base64 of the values a line each, "~" for none) and read back checked against the sort, so
 * nothing of it reaches SQL except as bound parameters of the listed types.
 */
public record LedgerCursor(List<Object> values) {

  static final String BAD = "翻页位置 after 不正确：请使用上一页返回的 next（或页面上的“下一页”链接），并保持排序 sort 不变";

  /** The column types a cursor's values may have. */
  enum Type { TEXT, NUMBER, DATE, TIME }

  public String encoded() {
    List<String> lines = new ArrayList<>();
    for (Object value : values) {
      lines.add(value == null ? "~" : "=" + text(value));
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
  }

  /** A cursor from the parameter, its values of the given types; a malformed one is refused naming the parameter. */
  static LedgerCursor decoded(String after, List<Type> types) {
    try {
      String[] lines = new String(Base64.getUrlDecoder().decode(after.strip()), StandardCharsets.UTF_8).split("\n", -1);
      if (lines.length != types.size()) {
        throw new IllegalArgumentException(BAD);
      }
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < lines.length; i++) {
        values.add(value(lines[i], types.get(i)));
      }
      return new LedgerCursor(values);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(BAD, e);
    }
  }

  private static Object value(String line, Type type) {
    if (line.equals("~")) {
      return null;
    }
    if (!line.startsWith("=")) {
      throw new IllegalArgumentException(BAD);
    }
    String text = line.substring(1);
    return switch (type) {
      case TEXT -> text;
      case NUMBER -> Integer.valueOf(text);
      case DATE -> LocalDate.parse(text);
      case TIME -> Timestamp.from(Instant.parse(text));
    };
  }

  private static String text(Object value) {
    return value instanceof Timestamp time ? time.toInstant().toString() : value.toString();
  }
}
