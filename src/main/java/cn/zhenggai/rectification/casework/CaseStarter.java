package cn.zhenggai.rectification.casework;

import static cn.zhenggai.rectification.vocabulary.RectificationCaseProcess.CARRIED_FROM;
import static cn.zhenggai.rectification.vocabulary.RectificationCaseProcess.LOOK_BACK_AFTER;
import static cn.zhenggai.rectification.vocabulary.RectificationCaseProcess.PROBLEM_CATEGORY;
import static cn.zhenggai.rectification.vocabulary.RectificationCaseProcess.PROBLEM_ID;
import static cn.zhenggai.rectification.vocabulary.RectificationCaseProcess.PROBLEM_NUMBER;
import static cn.zhenggai.rectification.vocabulary.RectificationCaseProcess.PROBLEM_SOURCE;
import static cn.zhenggai.rectification.vocabulary.RectificationCaseProcess.PROBLEM_TITLE;
import static cn.zhenggai.rectification.vocabulary.RectificationCaseProcess.RECTIFICATION_DEADLINE;
import static cn.zhenggai.rectification.vocabulary.RectificationCaseProcess.RECTIFICATION_DEADLINE_TEXT;
import static cn.zhenggai.rectification.vocabulary.RectificationCaseProcess.ROUND_CODE;
import static cn.zhenggai.rectification.vocabulary.RectificationCaseProcess.ROUND_NAME;
import static cn.zhenggai.rectification.vocabulary.RectificationCaseProcess.SUGGESTED_MEASURES;
import static cn.zhenggai.rectification.vocabulary.RectificationCaseProcess.SUPERVISOR_GROUPS;
import static cn.zhenggai.rectification.vocabulary.RectificationCaseProcess.UNIT_IDS;

import cn.zhenggai.rectification.problem.Problem;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.StageDeadlines;
import java.util.ArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Opens the rectification case of a round's problem, once: a case already in the register is left as it is. */
@Service
public class CaseStarter {

  private static final Logger LOG = LoggerFactory.getLogger(CaseStarter.class);

  private final RuntimeService runtime;
  private final CaseRegister register;
  private final StageDeadlines deadlines;

  CaseStarter(RuntimeService runtime, CaseRegister register, StageDeadlines deadlines) {
    this.runtime = runtime;
    this.register = register;
    this.deadlines = deadlines;
  }

  /** Returns whether a case was started. */
  public boolean startIfNew(CaseOpening opening) {
    if (register.hasProblem(opening.key())) {
      return false;
    }
    runtime
        .createProcessInstanceByKey(RectificationCaseProcess.KEY)
        .businessKey(opening.key())
        .setVariables(variables(opening, deadlines))
        .execute();
    LOG.info("问题 {} 已立案（{}），责任单位：{}", opening.key(), opening.problem().title(), String.join("、", opening.problem().units()));
    return true;
  }

  /** The case's process variables. */
  public static VariableMap variables(CaseOpening opening, StageDeadlines deadlines) {
    Problem problem = opening.problem();
    String measures = IntStream.range(0, problem.measures().size())
        .mapToObj(i -> (i + 1) + ". " + problem.measures().get(i))
        .collect(Collectors.joining("\n"));
    VariableMap variables = Variables.createVariables()
        .putValue(PROBLEM_ID, opening.key())
        .putValue(PROBLEM_NUMBER, problem.id())
        .putValue(ROUND_CODE, opening.roundCode())
        .putValue(ROUND_NAME, opening.roundName())
        .putValue(CARRIED_FROM, opening.carriedFrom())
        .putValue(PROBLEM_CATEGORY, problem.category())
        .putValue(PROBLEM_TITLE, problem.title())
        .putValue(PROBLEM_SOURCE, problem.source())
        .putValue(SUGGESTED_MEASURES, measures)
        .putValue(UNIT_IDS, new ArrayList<>(problem.units()))
        .putValue(SUPERVISOR_GROUPS, String.join(",", problem.supervisors()))
        .putValue(RECTIFICATION_DEADLINE, deadlines.endOf(problem.deadline()))
        .putValue(RECTIFICATION_DEADLINE_TEXT, problem.deadline().toString());
    if (opening.lookBackAfter() != null) {
      variables.putValue(LOOK_BACK_AFTER, opening.lookBackAfter());
    }
    return variables;
  }
}
