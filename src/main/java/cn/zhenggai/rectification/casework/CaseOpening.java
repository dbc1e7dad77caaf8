package cn.zhenggai.rectification.casework;

import cn.zhenggai.rectification.problem.Problem;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;

/**
 * A problem of a round about to become a case.
 *
 * @param roundCode the round's code, the first part of the case key
 * @param roundName the round's name, shown in task names when several rounds are in progress
 * @param problem the problem, numbered within its round
 * @param carriedFrom the case key of the earlier round's unfinished case this one continues, or null
 * @param lookBackAfter the round's own look-back period (ISO-8601, e.g. P3M), or null for the configured one
 */
public record CaseOpening(String roundCode, String roundName, Problem problem, String carriedFrom, String lookBackAfter) {

  /** A problem of a round that keeps the configured look-back period. */
  public CaseOpening(String roundCode, String roundName, Problem problem, String carriedFrom) {
    this(roundCode, roundName, problem, carriedFrom, null);
  }

  public String key() {
    return RectificationCaseProcess.caseKey(roundCode, problem.id());
  }
}
