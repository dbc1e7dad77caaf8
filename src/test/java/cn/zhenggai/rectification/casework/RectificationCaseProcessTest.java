package cn.zhenggai.rectification.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.vocabulary.DeadlineWatchProcess;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.RefusedAction;
import cn.zhenggai.rectification.vocabulary.RefusedInput;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.util.List;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
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
      return completeCoverageExcluding(UnitRectificationProcess.KEY, DeadlineWatchProcess.KEY);
    }
  }

  @Autowired CaseAmendments amendments;

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

  @Test
  void aUnitAddedAfterPublishingWorksItsOwnCaseAndTheProblemWaitsForItToo() {
    starter.startIfNew(DemoRound.opening(TestProblems.problem("91.4", "street-chengguan")));
    ProcessInstance problem = caseProcess("91.4");
    String key = DemoRound.key("91.4");

    amendments.addUnit(key, "organs", "县直机关也存在该问题", "sup-orgdept");

    assertThat(driver.unitTask("91.4", "organs")).hasCandidateGroup("organs");
    assertThat(driver.unitTask("91.4", "organs").getName()).isEqualTo("制定整改方案 · 91.4 测试问题 91.4 · 县直机关工委");
    assertThat(engine.getRuntimeService().getVariable(problem.getId(), RectificationCaseProcess.UNIT_IDS))
        .isEqualTo(List.of("street-chengguan", "organs"));
    CaseQueries.UnitCase added = register("91.4").units().stream().filter(u -> u.unitId().equals("organs")).findFirst().orElseThrow();
    assertThat(List.of(added.status(), added.stage())).containsExactly("OPEN", "DRAFT_PLAN");
    assertThat(register("91.4").timeline()).singleElement().satisfies(event -> {
      assertThat(event.kind()).isEqualTo(CaseTimeline.Kind.UNIT_ADDED);
      assertThat(event.unitId()).isEqualTo("organs");
      assertThat(event.actorId()).isEqualTo("sup-orgdept");
      assertThat(event.detail()).contains("县直机关工委", "县直机关也存在该问题");
    });
    assertThat(jdbc.queryForObject("select count(*) from notification where problem_id = ? and unit_id = ? and kind = 'NEW_TASK'",
        Integer.class, key, "organs")).isPositive();

    accept("91.4", "street-chengguan");
    execute(job(problem));
    assertThat(problem).as("the added unit is still at work").isNotWaitingAt(RectificationCaseProcess.TASK_CONFIRM_CLOSURE);
    accept("91.4", "organs");
    execute(job(problem));
    assertThat(problem).isWaitingAt(RectificationCaseProcess.TASK_CONFIRM_CLOSURE);
    assertThat(register("91.4").summary().unitsAccepted()).isEqualTo(2);
  }

  @Test
  void aUnitThatCannotBeAddedIsRefusedAndNothingChanges() {
    starter.startIfNew(DemoRound.opening(TestProblems.problem("91.6", "street-chengguan")));
    String key = DemoRound.key("91.6");

    assertThatThrownBy(() -> amendments.addUnit(key, "no-such-unit", "理由", "sup-orgdept"))
        .isInstanceOf(RefusedInput.class).hasMessageContaining("不是责任单位");
    assertThatThrownBy(() -> amendments.addUnit(key, "discipline", "理由", "sup-orgdept"))
        .isInstanceOf(RefusedInput.class).hasMessageContaining("不是责任单位");
    assertThatThrownBy(() -> amendments.addUnit(key, "street-chengguan", "理由", "sup-orgdept"))
        .isInstanceOf(RefusedInput.class).hasMessageContaining("已是");
    assertThatThrownBy(() -> amendments.addUnit(key, "organs", " \u200b ", "sup-orgdept"))
        .isInstanceOf(RefusedInput.class).hasMessageContaining("调整理由");
    assertThatThrownBy(() -> amendments.addUnit(key, "organs", "长".repeat(501), "sup-orgdept"))
        .isInstanceOf(RefusedInput.class).hasMessageContaining("500");

    assertThat(register("91.6").units()).extracting(CaseQueries.UnitCase::unitId).containsExactly("street-chengguan");
    assertThat(register("91.6").timeline()).isEmpty();
  }

  @Test
  void aWithdrawnProblemEndsWithItsOpenUnitCasesAndKeepsTheAcceptedOnes() {
    starter.startIfNew(DemoRound.opening(TestProblems.problem("91.5", "street-chengguan", "street-dongcheng")));
    ProcessInstance problem = caseProcess("91.5");
    String key = DemoRound.key("91.5");
    accept("91.5", "street-chengguan");
    execute(job(problem));
    driver.submitPlan("91.5", "street-dongcheng", "sec-dongcheng");

    amendments.withdraw(key, "该问题已由专项督查统一整改", "sup-orgdept");

    assertThat(problem).isEnded();
    CaseQueries.CaseRecord withdrawn = register("91.5");
    assertThat(List.of(withdrawn.summary().status(), withdrawn.summary().stage())).containsExactly("CANCELLED", "CANCELLED");
    assertThat(withdrawn.units()).extracting(CaseQueries.UnitCase::unitId, CaseQueries.UnitCase::status, CaseQueries.UnitCase::stage)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("street-chengguan", "CLOSED", "ACCEPTED"),
            org.assertj.core.groups.Tuple.tuple("street-dongcheng", "CANCELLED", "CANCELLED"));
    assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKeyLike(key + "/%").count()).isZero();
    for (CaseQueries.UnitCase unit : withdrawn.units()) {
      assertThat(engine.getManagementService().createJobQuery().processInstanceId(unit.processInstanceId()).count()).isZero();
    }
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(problem.getId()).count()).isZero();
    assertThat(withdrawn.timeline()).last().satisfies(event -> {
      assertThat(event.kind()).isEqualTo(CaseTimeline.Kind.PROBLEM_WITHDRAWN);
      assertThat(event.detail()).contains("该问题已由专项督查统一整改");
    });

    assertThatThrownBy(() -> amendments.withdraw(key, "再撤一次", "sup-orgdept"))
        .isInstanceOf(RefusedAction.class).hasMessageContaining("已撤销");
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
