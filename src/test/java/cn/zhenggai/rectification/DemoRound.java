package cn.zhenggai.rectification;

import cn.zhenggai.rectification.casework.CaseOpening;
import cn.zhenggai.rectification.problem.Problem;

/** The demo round of {@code seeds/problems.yaml}: tests name its problems by number, the product by case key. */
public final class DemoRound {

  public static final String CODE = "2022-SZPY";
  public static final String NAME = "2022年度抓基层党建工作述职评议";

  private DemoRound() {}

  /** {@code 2.1} → {@code 2022-SZPY/2.1}; a key already whole is kept. */
  public static String key(String problem) {
    return problem.contains("/") ? problem : CODE + "/" + problem;
  }

  /** A problem made up by a test, opened in the demo round (numbered 8.x or 9x.x, so it never meets a seeded one). */
  public static CaseOpening opening(Problem problem) {
    return new CaseOpening(CODE, NAME, problem, null);
  }
}
