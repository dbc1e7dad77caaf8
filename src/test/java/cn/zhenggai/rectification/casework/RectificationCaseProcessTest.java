package cn.zhenggai.rectification.casework;

import cn.zhenggai.rectification.DemoRound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.util.List;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/** Every path of RectificationCase.bpmn: one process per responsible unit, then closure once all are accepted. */
@Import(RectificationCaseProcessTest.Coverage.class)
class RectificationCaseProcessTest extends ProcessTestBase {

  @TestConfiguration
  static class Coverage {
    @Bean
    @Primary // over the library's default, which it would otherwise fall back to
    ProcessEngineCoverageProperties coverageProperties() {
      return completeCoverageExcluding(UnitRectificationProcess.KEY);
    }
  }

  private static final List<String> UNITS = List.of("street-chengguan", "street-dongcheng", "organs");

  @Test
  void everyUnitWorksItsOwnProcessAndTheCaseClosesWhenAllAreAccepted() {
    starter.startIfNew(DemoRound.opening(TestProblems.problem("91.1", UNITS.toArray(String[]::new))));
    ProcessInstance problem = caseProcess("91.1");

    assertThat(problem).isWaitingAt("CallActivity_UnitRectification");
    for (String unit : UNITS) {
      assertThat(driver.unitTask("91.1", unit).getName()).startsWith("制定整改方案 · 91.1 测试问题 91.1 · ");
      assertThat(driver.unitTask("91.1", unit)).hasCandidateGroup(unit);
    }
    assertThat(register("91.1").units()).extracting(CaseQueries.UnitCase::unitId)
        .containsExactlyInAnyOrderElementsOf(UNITS);

    for (String unit : UNITS) {
      accept("91.1", unit);
      assertThat(problem).isNotWaitingAt(RectificationCaseProcess.TASK_CONFIRM_CLOSURE);
      execute(job(problem));
    }

    assertThat(problem).isWaitingAt(RectificationCaseProcess.TASK_CONFIRM_CLOSURE);
    assertThat(driver.closureTask("91.1")).hasName("确认问题销号 · 91.1 测试问题 91.1").hasCandidateGroup("org-dept");
    assertThat(register("91.1").summary().stageName()).isEqualTo("确认问题销号");
    driver.confirmClosure("91.1", "sup-orgdept");

    assertThat(problem).isEnded();
    CaseQueries.CaseSummary closed = register("91.1").summary();
    assertThat(closed.status()).isEqualTo("CLOSED");
    assertThat(closed.stageName()).isEqualTo("已销号");
    assertThat(closed.closedAt()).isNotNull();
    assertThat(closed.unitsAccepted()).isEqualTo(3);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKeyLike("91.1%").count())
        .isZero();
  }

  @Test
  void workStyleProblemsAreClosedByEitherSupervisor() {
    starter.startIfNew(DemoRound.opening(TestProblems.problem("91.2", List.of("org-dept", "discipline"), "education")));
    ProcessInstance problem = caseProcess("91.2");
    accept("91.2", "education");
    execute(job(problem));

    assertThat(driver.closureTask("91.2")).hasCandidateGroup("org-dept").hasCandidateGroup("discipline");
    driver.confirmClosure("91.2", "sup-discipline");
    assertThat(problem).isEnded();
  }

  @Test
  void aProblemIsOpenedOnlyOnce() {
    assertThat(starter.startIfNew(DemoRound.opening(TestProblems.problem("91.3", "street-xicheng")))).isTrue();
    assertThat(starter.startIfNew(DemoRound.opening(TestProblems.problem("91.3", "street-xicheng")))).isFalse();

    assertThat(engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(RectificationCaseProcess.KEY).processInstanceBusinessKey(DemoRound.key("91.3")).count()).isEqualTo(1);
  }

  private void accept(String problemId, String unit) {
    String secretary = "sec-" + (unit.startsWith("street-") ? unit.substring("street-".length()) : unit);
    driver.submitPlan(problemId, unit, secretary);
    driver.reviewPlan(problemId, unit, "sup-orgdept", true, null);
    driver.submitReport(problemId, unit, secretary);
    driver.acceptRectification(problemId, unit, "sup-orgdept", true, null);
  }

  private ProcessInstance caseProcess(String problemId) {
    return engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(RectificationCaseProcess.KEY)
        .processInstanceBusinessKey(DemoRound.key(problemId))
        .singleResult();
  }
}
