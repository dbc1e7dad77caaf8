package cn.zhenggai.rectification.casework;

import cn.zhenggai.rectification.problem.Problem;
import java.time.LocalDate;
import java.util.List;

/** Problems made up for process tests, numbered 90.x so they never meet the seeded ones. */
final class TestProblems {

  static final LocalDate DEADLINE = LocalDate.of(2027, 6, 30);

  private TestProblems() {}

  static Problem problem(String id, List<String> supervisors, String... units) {
    return new Problem(
        id, "测试类别", "测试问题 " + id, "讲话原文 " + id, List.of("措施一", "措施二"), List.of(units), supervisors, DEADLINE);
  }

  static Problem problem(String id, String... units) {
    return problem(id, List.of("org-dept"), units);
  }
}
