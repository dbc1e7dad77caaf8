package cn.zhenggai.rectification.casework;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;

/** Checks what a person submitted with a task; a bad value rolls the completion back with a message naming the field. */
final class TaskInput {

  static final int LONG_TEXT = 4000;
  static final int SHORT_TEXT = 100;
  static final int COMMENT = 2000;

  private TaskInput() {}

  static String requiredText(DelegateTask task, String variable, String label, int maxLength) {
    String text = optionalText(task, variable, label, maxLength);
    if (text == null || text.isBlank()) {
      throw new BadUserRequestException("请填写“" + label + "”（" + variable + "）");
    }
    return text.strip();
  }

  static String optionalText(DelegateTask task, String variable, String label, int maxLength) {
    Object value = task.getVariable(variable);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw new BadUserRequestException("“" + label + "”（" + variable + "）应为文字");
    }
    if (text.length() > maxLength) {
      throw new BadUserRequestException("“" + label + "”（" + variable + "）不能超过 " + maxLength + " 个字，现有 " + text.length() + " 个字");
    }
    return text.isBlank() ? null : text.strip();
  }

  static LocalDate requiredDate(DelegateTask task, String variable, String label) {
    String text = requiredText(task, variable, label, SHORT_TEXT);
    try {
      return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    } catch (DateTimeParseException e) {
      throw new BadUserRequestException("“" + label + "”（" + variable + "）应为日期，如 2027-06-30");
    }
  }

  static boolean requiredDecision(DelegateTask task, String variable, String label) {
    Object value = task.getVariable(variable);
    if (!(value instanceof Boolean decision)) {
      throw new BadUserRequestException("请给出“" + label + "”（" + variable + " 应为 true 或 false）");
    }
    return decision;
  }
}
