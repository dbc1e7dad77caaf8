package cn.zhenggai.rectification.casework;

import cn.zhenggai.rectification.vocabulary.RefusedInput;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateTask;

/** Checks what a person submitted with a task; a bad value rolls the completion back with a message naming the field. */
final class TaskInput {

  static final int LONG_TEXT = 4000;
  static final int SHORT_TEXT = 100;
  static final int COMMENT = 2000;

  /** White space of every kind and the invisible format characters (zero-width spaces, joiners, BOM). */
  private static final Pattern INVISIBLE = Pattern.compile("[\\s\\p{Z}\\p{Cf}\\p{Cc}]+");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private TaskInput() {}

  static String requiredText(DelegateTask task, String variable, String label, int maxLength) {
    String text = optionalText(task, variable, label, maxLength);
    if (text == null) {
      throw new RefusedInput("请填写“" + label + "”（" + variable + "）");
    }
    return text;
  }

  /** The text without the invisible characters around it; null when there is nothing visible in it. */
  static String optionalText(DelegateTask task, String variable, String label, int maxLength) {
    Object value = task.getVariable(variable);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw new RefusedInput("“" + label + "”（" + variable + "）应为文字");
    }
    if (text.length() > maxLength) {
      throw new RefusedInput("“" + label + "”（" + variable + "）不能超过 " + maxLength + " 个字，现有 " + text.length() + " 个字");
    }
    return visible(text) ? trimmed(text) : null;
  }

  static boolean visible(String text) {
    return !INVISIBLE.matcher(text).replaceAll("").isEmpty();
  }

  private static String trimmed(String text) {
    return text.replaceAll("^[\\s\\p{Z}\\p{Cf}\\p{Cc}]+|[\\s\\p{Z}\\p{Cf}\\p{Cc}]+$", "");
  }

  /** A date written exactly as yyyy-MM-dd, from today on and not after {@code latest} (unless that has passed). */
  static LocalDate requiredDate(DelegateTask task, String variable, String label, LocalDate today, LocalDate latest) {
    String text = requiredText(task, variable, label, SHORT_TEXT);
    LocalDate date;
    try {
      if (!DATE.matcher(text).matches()) {
        throw new DateTimeParseException(text, text, 0);
      }
      date = LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new RefusedInput("“" + label + "”（" + variable + "）应为日期，格式 yyyy-MM-dd，如 2027-06-30");
    }
    if (date.isBefore(today)) {
      throw new RefusedInput("“" + label + "”（" + variable + "）" + date + " 早于今天 " + today);
    }
    // a unit already past the deadline still plans: from today on, and the ledger shows it late
    if (date.isAfter(latest) && !latest.isBefore(today)) {
      throw new RefusedInput("“" + label + "”（" + variable + "）" + date + " 晚于整改时限 " + latest);
    }
    return date;
  }

  static boolean requiredDecision(DelegateTask task, String variable, String label) {
    Object value = task.getVariable(variable);
    if (!(value instanceof Boolean decision)) {
      throw new RefusedInput("请给出“" + label + "”（" + variable + " 应为 true 或 false）");
    }
    return decision;
  }
}
