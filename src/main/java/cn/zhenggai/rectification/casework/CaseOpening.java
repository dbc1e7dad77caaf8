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
 */
public record CaseOpening(String roundCode, String roundName, Problem problem, String carriedFrom) {

  public String key() {
    return RectificationCaseProcess.caseKey(roundCode, problem.id());
  }
}
