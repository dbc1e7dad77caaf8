package cn.zhenggai.rectification.bench;

import cn.zhenggai.rectification.problem.Problem;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Problems for the benchmarks, like those of {@code seeds/problems.yaml}: each one for all five units of the seed
 * organization, supervised by the organization department, deadline mid-2027 (after the plans' target date).
 */
final class BenchProblems {

  static final List<String> UNITS = List.of("street-chengguan", "street-dongcheng", "street-xicheng", "organs", "education");
  static final Map<String, String> SECRETARIES = Map.of(
      "street-chengguan", "sec-chengguan", "street-dongcheng", "sec-dongcheng", "street-xicheng", "sec-xicheng",
      "organs", "sec-organs", "education", "sec-education");
  static final String SUPERVISOR_GROUP = "org-dept";
  static final String SUPERVISOR = "sup-orgdept";

  private BenchProblems() {}

  /** Problems {@code <prefix>1} … {@code <prefix><count>}. */
  static List<Problem> of(String prefix, int count) {
    List<Problem> problems = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      problems.add(new Problem(prefix + i, "理论学习存在差距", "基准问题 " + i + "：理论学习不深入",
          "第 " + i + " 项：有的基层党组织对理论学习不够深入、领会不够透彻、贯彻不够有力。",
          List.of("制定年度理论学习计划，书记带头讲党课", "每季度开展一次专题研讨"), UNITS, List.of(SUPERVISOR_GROUP),
          LocalDate.of(2027, 6, 30)));
    }
    return problems;
  }

  /** Splits the list into {@code parts} interleaved slices, one per driver thread. */
  static <T> List<List<T>> slices(List<T> all, int parts) {
    List<List<T>> slices = new ArrayList<>();
    for (int k = 0; k < parts; k++) {
      slices.add(new ArrayList<>());
    }
    for (int i = 0; i < all.size(); i++) {
      slices.get(i % parts).add(all.get(i));
    }
    return slices;
  }
}
