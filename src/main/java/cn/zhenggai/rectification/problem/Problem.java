package cn.zhenggai.rectification.problem;

import java.time.LocalDate;
import java.util.List;

/**
 * One shortcoming from the closing speech, as listed in {@code seeds/problems.yaml}.
 *
 * @param id problem number, e.g. {@code 1.1}; the business key of its case
 * @param category the speech's heading, e.g. 理论学习存在差距
 * @param title the problem in a few words
 * @param source the speech's own sentence, quoted by the ledger
 * @param measures suggested measures drawn from the speech's requirements
 * @param units ids of the responsible units
 * @param supervisors ids of the supervising groups
 * @param deadline the whole rectification's deadline (end of that day)
 */
public record Problem(
    String id,
    String category,
    String title,
    String source,
    List<String> measures,
    List<String> units,
    List<String> supervisors,
    LocalDate deadline) {

  public Problem {
    measures = measures == null ? List.of() : List.copyOf(measures);
  }
}
