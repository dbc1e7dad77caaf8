package cn.zhenggai.rectification.supervision;

import cn.zhenggai.rectification.vocabulary.RefusedInput;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** A new deadline as typed or sent: exactly yyyy-MM-dd, or a refusal that says so. */
final class AmendmentDates {

  private AmendmentDates() {}

  static LocalDate parse(String text) {
    if (text == null || text.isBlank()) {
      throw new RefusedInput("请填写新的整改时限（deadline，格式 yyyy-MM-dd，如 2027-06-30）");
    }
    try {
      if (!text.strip().matches("\\d{4}-\\d{2}-\\d{2}")) {
        throw new DateTimeParseException(text, text, 0);
      }
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new RefusedInput("新的整改时限（deadline）应为日期，格式 yyyy-MM-dd，如 2027-06-30");
    }
  }
}
