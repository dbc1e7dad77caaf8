package cn.zhenggai.rectification.speech;

import java.util.List;

/**
 * One proposed problem, for the organization department to check before it becomes part of a problem list.
 *
 * @param number section and point, e.g. {@code 2.1}
 * @param category the section's heading (理论学习存在差距), "" when the section has none
 * @param title a short summary in the source's own words, at most 30 characters
 * @param source the text's own words, exactly {@code text.substring(sourceStart, sourceEnd)}
 * @param sourceStart where the source starts in the imported text
 * @param sourceEnd where it ends (exclusive)
 * @param measures suggested measures, sentences of the text's requirements, best first (at most five)
 * @param units suggested responsible units (group ids of role unit)
 * @param unitsUnsure true when no unit could be suggested: someone must choose
 * @param supervisors suggested supervising groups (group ids of role supervisor)
 */
public record DraftProblem(
    String number,
    String category,
    String title,
    String source,
    int sourceStart,
    int sourceEnd,
    List<String> measures,
    List<String> units,
    boolean unitsUnsure,
    List<String> supervisors) {

  public DraftProblem {
    measures = measures == null ? List.of() : List.copyOf(measures);
    units = units == null ? List.of() : List.copyOf(units);
    supervisors = supervisors == null ? List.of() : List.copyOf(supervisors);
  }
}
