package cn.zhenggai.rectification.rounds;

import cn.zhenggai.rectification.problem.Problem;
import java.time.LocalDate;
import java.util.List;

/**
 * A problem of a round's list, as the department edits it before publishing.
 *
 * @param sourceStart where the source sentence starts in the round's source text, or null when typed by hand
 * @param sourceEnd where it ends (exclusive)
 * @param carriedFrom the case key of the earlier round's unfinished case it continues, or null
 */
public record DraftProblem(
    String number,
    String category,
    String title,
    String source,
    Integer sourceStart,
    Integer sourceEnd,
    List<String> measures,
    List<String> units,
    List<String> supervisors,
    LocalDate deadline,
    String carriedFrom) {

  public DraftProblem {
    measures = measures == null ? List.of() : List.copyOf(measures);
    units = units == null ? List.of() : List.copyOf(units);
    supervisors = supervisors == null ? List.of() : List.copyOf(supervisors);
  }

  public static DraftProblem of(Problem problem) {
    return new DraftProblem(problem.id(), problem.category(), problem.title(), problem.source(), null, null,
        problem.measures(), problem.units(), problem.supervisors(), problem.deadline(), null);
  }

  public Problem toProblem() {
    return new Problem(number, category, title, source, measures, units, supervisors, deadline);
  }
}
