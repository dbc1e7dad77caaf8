package cn.zhenggai.rectification.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.vocabulary.DeadlineWatchProcess;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.RefusedAction;
import cn.zhenggai.rectification.vocabulary.RefusedInput;
import cn.zhenggai.rectification.vocabulary.RetentionCleanupProcess;
import cn.zhenggai.rectification.vocabulary.StageDeadlines;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * Every path of RectificationCase.bpmn: one process per responsible unit, closure once all are accepted, the look-back
 * (回头看) after it, and the units reopened there (复号) rectifying again until the problem is closed again.
 */
@Import(RectificationCaseProcessTest.Coverage.class)
class RectificationCaseProcessTest extends ProcessTestBase {

  @TestConfiguration
  static class Coverage {
    @Bean
    @Primary // over the library's default, which it would otherwise fall back to
    ProcessEngineCoverageProperties coverageProperties() {
      return completeCoverageExcluding(UnitRectificationProcess.KEY, DeadlineWatchProcess.KEY,
          RetentionCleanupProcess.KEY);
    }
  }

  @Autowired CaseAmendments amendments;
  @Autowired StageDeadlines deadlines;

  private static final ZoneId COUNTY = ZoneId.of("Asia/Shanghai");

  /** A still clock, so due dates computed from "now" can be compared exactly. */
  @BeforeEach
  void stopTheClock() {
    ClockUtil.setCurrentTime(new Date());
  }

  @AfterEach
  void restartTheClock() {
    ClockUtil.reset();
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

    assertThat(problem).as("closed, it waits for its look-back").isWaitingAt(RectificationCaseProcess.LOOK_BACK_DUE);
    CaseQueries.CaseSummary closed = register("91.1").summary();
    assertThat(closed.status()).isEqualTo("CLOSED");
    assertThat(closed.stageName()).isEqualTo("已销号");
    assertThat(closed.closedAt()).isNotNull();
    assertThat(closed.unitsAccepted()).isEqualTo(3);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(UnitRectificationProcess.KEY)
        .processInstanceBusinessKeyLike(DemoRound.key("91.1") + "/%").count()).isZero();
  }

  @Test
  void workStyleProblemsAreClosedByEitherSupervisor() {
    starter.startIfNew(DemoRound.opening(TestProblems.problem("91.2", List.of("org-dept", "discipline"), "education")));
    ProcessInstance problem = caseProcess("91.2");
    accept("91.2", "education");
    execute(job(problem));

    assertThat(driver.closureTask("91.2")).hasCandidateGroup("org-dept").hasCandidateGroup("discipline");
    driver.confirmClosure("91.2", "sup-discipline");
    assertThat(problem).isWaitingAt(RectificationCaseProcess.LOOK_BACK_DUE);
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

  // ---- 回头看 and 复号 ----

  /** Closed, the problem waits six months; then each unit gets its look-back, reminded like any task, and is confirmed. */
  @Test
  void aClosedProblemIsLookedBackAtAfterSixMonthsAndConfirmed() {
    starter.startIfNew(DemoRound.opening(TestProblems.problem("92.1", "street-chengguan", "street-dongcheng")));
    ProcessInstance problem = caseProcess("92.1");
    Date closedAt = close(problem, "92.1", "street-chengguan", "street-dongcheng");

    Date due = Date.from(closedAt.toInstant().atZone(COUNTY).plusMonths(6).toInstant());
    assertThat(problem).isWaitingAt(RectificationCaseProcess.LOOK_BACK_DUE);
    assertThat(lookBackTimer(problem).getDuedate()).isEqualTo(due);
    Map<String, Object> closed = problemRow("92.1");
    assertThat(List.of(closed.get("status"), closed.get("stage"))).containsExactly("CLOSED", "CLOSED");
    assertThat(closed.get("closed_at")).isEqualTo(new Timestamp(closedAt.getTime()));
    assertThat(closed.get("look_back_due_at")).isEqualTo(new Timestamp(due.getTime()));
    assertThat(closed.get("look_back_result")).isNull();

    ClockUtil.setCurrentTime(new Date(due.getTime() - 60_000));
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(problem.getId()).executable().count())
        .as("not before it is due").isZero();
    ClockUtil.setCurrentTime(new Date(due.getTime() + 1000));
    execute(lookBackTimer(problem));

    assertThat(problem).isWaitingAt(RectificationCaseProcess.TASK_LOOK_BACK);
    assertThat(driver.lookBackTasks("92.1")).hasSize(2);
    Task chengguan = driver.lookBackTask("92.1", "street-chengguan");
    assertThat(chengguan).hasName("回头看 · 92.1 测试问题 92.1 · 城关街道党工委").hasCandidateGroup("org-dept");
    assertThat(chengguan.getDueDate()).isEqualTo(new Date(ClockUtil.getCurrentTime().getTime() + Duration.ofDays(15).toMillis()));
    Map<String, Object> form = engine.getTaskService().getVariables(chengguan.getId());
    assertThat((String) form.get("lookBackPlan")).contains("street-chengguan：每月开展一次专题学习", "责任人：党工委副书记 王明");
    assertThat((String) form.get("lookBackReport")).contains("street-chengguan：已开展专题学习 4 次");
    assertThat((String) form.get("caseHistory")).contains("提交整改方案", "报送整改完成情况", "验收通过");

    Map<String, Object> row = unitRow("92.1", "street-chengguan");
    assertThat(List.of(row.get("stage"), row.get("status"), row.get("look_back_result"), row.get("task_id"), row.get("next_notice")))
        .containsExactly("LOOK_BACK", "CLOSED", "PENDING", chengguan.getId(), "BEFORE_DUE");
    assertThat(row.get("next_notice_at")).isEqualTo(new Timestamp(chengguan.getDueDate().getTime() - Duration.ofDays(3).toMillis()));
    assertThat(problemRow("92.1").get("look_back_result")).isEqualTo("PENDING");

    Date now = ClockUtil.getCurrentTime();
    sweepAt(new Date(chengguan.getDueDate().getTime() - Duration.ofDays(3).toMillis() + 1000));
    assertThat(jdbc.queryForList("select recipient_id from notification where task_id = ? and kind = 'BEFORE_DUE'",
        String.class, chengguan.getId())).as("the supervisors are reminded of their look-back").containsExactly("sup-orgdept");
    ClockUtil.setCurrentTime(now);

    driver.confirmLookBack("92.1", "street-chengguan", "sup-orgdept");
    driver.confirmLookBack("92.1", "street-dongcheng", "sup-orgdept");
    runDueJobs(problem);

    assertThat(problem).isEnded();
    for (String unit : List.of("street-chengguan", "street-dongcheng")) {
      Map<String, Object> consolidated = unitRow("92.1", unit);
      assertThat(List.of(consolidated.get("stage"), consolidated.get("status"), consolidated.get("look_back_result")))
          .containsExactly("ACCEPTED", "CLOSED", "CONSOLIDATED");
      assertThat(consolidated.get("look_back_at")).isEqualTo(new Timestamp(now.getTime()));
      assertThat(consolidated.get("task_id")).isNull();
      assertThat(consolidated.get("reopenings")).isEqualTo(0);
    }
    Map<String, Object> done = problemRow("92.1");
    assertThat(List.of(done.get("status"), done.get("look_back_result"))).containsExactly("CLOSED", "CONSOLIDATED");
    assertThat(done.get("closed_at")).as("closed when its closure was confirmed").isEqualTo(new Timestamp(closedAt.getTime()));
    assertThat(register("92.1").timeline()).filteredOn(e -> e.kind() == CaseTimeline.Kind.LOOK_BACK_CONFIRMED)
        .extracting(CaseTimeline.Event::unitId, CaseTimeline.Event::actorId)
        .containsExactlyInAnyOrder(tuple("street-chengguan", "sup-orgdept"), tuple("street-dongcheng", "sup-orgdept"));
  }

  @Test
  void theRoundsLookBackPeriodOverridesTheDefault() {
    starter.startIfNew(new CaseOpening(DemoRound.CODE, DemoRound.NAME, TestProblems.problem("92.2", "organs"), null, "P3M"));
    ProcessInstance problem = caseProcess("92.2");
    Date closedAt = close(problem, "92.2", "organs");

    Date due = Date.from(closedAt.toInstant().atZone(COUNTY).plusMonths(3).toInstant());
    assertThat(lookBackTimer(problem).getDuedate()).isEqualTo(due);
    assertThat(problemRow("92.2").get("look_back_due_at")).isEqualTo(new Timestamp(due.getTime()));
  }

  /**
   * A unit reopened at the look-back rectifies again, alone, from 落实整改 by its new deadline, while the problem is open
   * again; accepted, the problem is closed again and looked back at again, for that unit.
   */
  @Test
  void aReopenedUnitRectifiesAgainAndTheProblemClosesAgain() {
    starter.startIfNew(DemoRound.opening(TestProblems.problem("92.3", "street-chengguan", "street-dongcheng")));
    ProcessInstance problem = caseProcess("92.3");
    close(problem, "92.3", "street-chengguan", "street-dongcheng");
    lookBackComesUp(problem);
    LocalDate newDeadline = deadlines.today().plusDays(30);

    driver.confirmLookBack("92.3", "street-chengguan", "sup-orgdept");
    driver.reopen("92.3", "street-dongcheng", "sup-orgdept", "群众反映问题有反弹", newDeadline.toString());
    runDueJobs(problem);

    assertThat(problem).isWaitingAt(RectificationCaseProcess.REOPENED_UNITS);
    assertThat(driver.unitTask("92.3", "street-chengguan")).isNull();
    Task rectify = driver.unitTask("92.3", "street-dongcheng");
    assertThat(rectify.getTaskDefinitionKey()).isEqualTo(UnitRectificationProcess.TASK_RECTIFY);
    assertThat(rectify).hasCandidateGroup("street-dongcheng");
    assertThat(rectify.getDueDate()).isEqualTo(deadlines.endOf(newDeadline));
    assertThat((String) engine.getTaskService().getVariable(rectify.getId(), UnitRectificationProcess.CASE_HISTORY))
        .contains("复号理由：群众反映问题有反弹");

    Map<String, Object> reopenedProblem = problemRow("92.3");
    assertThat(List.of(reopenedProblem.get("status"), reopenedProblem.get("stage"), reopenedProblem.get("look_back_result"),
        reopenedProblem.get("reopenings"))).containsExactly("OPEN", "UNITS_RECTIFYING", "REOPENED", 1);
    assertThat(reopenedProblem.get("closed_at")).isNull();
    assertThat(reopenedProblem.get("look_back_due_at")).isNull();
    Map<String, Object> reopened = unitRow("92.3", "street-dongcheng");
    assertThat(List.of(reopened.get("status"), reopened.get("stage"), reopened.get("look_back_result"), reopened.get("reopenings"),
        reopened.get("process_instance_id"))).containsExactly("OPEN", "RECTIFY", "REOPENED", 1, rectify.getProcessInstanceId());
    assertThat(reopened.get("deadline")).isEqualTo(java.sql.Date.valueOf(newDeadline));
    assertThat(reopened.get("closed_at")).isNull();
    assertThat(unitRow("92.3", "street-chengguan").get("look_back_result")).isEqualTo("CONSOLIDATED");
    assertThat(register("92.3").timeline()).filteredOn(e -> e.kind() == CaseTimeline.Kind.UNIT_REOPENED).singleElement()
        .satisfies(event -> {
          assertThat(event.unitId()).isEqualTo("street-dongcheng");
          assertThat(event.actorId()).isEqualTo("sup-orgdept");
          assertThat(event.detail()).contains("群众反映问题有反弹", newDeadline.toString());
        });

    driver.submitReport("92.3", "street-dongcheng", "sec-dongcheng");
    driver.acceptRectification("92.3", "street-dongcheng", "sup-orgdept", true, null);
    runDueJobs(problem);
    assertThat(problem).isWaitingAt(RectificationCaseProcess.TASK_CONFIRM_CLOSURE);
    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + Duration.ofDays(1).toMillis()));
    Date closedAgain = ClockUtil.getCurrentTime();
    driver.confirmClosure("92.3", "sup-orgdept");

    assertThat(problem).isWaitingAt(RectificationCaseProcess.LOOK_BACK_DUE);
    Map<String, Object> again = problemRow("92.3");
    assertThat(List.of(again.get("status"), again.get("reopenings"))).containsExactly("CLOSED", 1);
    assertThat(again.get("closed_at")).isEqualTo(new Timestamp(closedAgain.getTime()));
    assertThat(again.get("look_back_due_at"))
        .isEqualTo(Timestamp.from(closedAgain.toInstant().atZone(COUNTY).plusMonths(6).toInstant()));
    assertThat(List.of(unitRow("92.3", "street-dongcheng").get("status"), unitRow("92.3", "street-dongcheng").get("stage")))
        .containsExactly("CLOSED", "ACCEPTED");

    lookBackComesUp(problem);
    assertThat(driver.lookBackTasks("92.3")).as("looked back at again: the reopened unit").hasSize(1);
    driver.confirmLookBack("92.3", "street-dongcheng", "sup-orgdept");
    runDueJobs(problem);

    assertThat(problem).isEnded();
    assertThat(List.of(problemRow("92.3").get("look_back_result"), problemRow("92.3").get("reopenings")))
        .containsExactly("CONSOLIDATED", 1);
    assertThat(List.of(unitRow("92.3", "street-dongcheng").get("look_back_result"), unitRow("92.3", "street-dongcheng").get("reopenings")))
        .containsExactly("CONSOLIDATED", 1);
  }

  @Test
  void aReopenWithoutReasonOrDeadlineIsRefusedAndChangesNothing() {
    starter.startIfNew(DemoRound.opening(TestProblems.problem("92.4", "street-chengguan")));
    ProcessInstance problem = caseProcess("92.4");
    close(problem, "92.4", "street-chengguan");
    lookBackComesUp(problem);
    Task task = driver.lookBackTask("92.4", "street-chengguan");
    String tomorrow = deadlines.today().plusDays(1).toString();
    String yesterday = deadlines.today().minusDays(1).toString();

    assertThatThrownBy(() -> driver.completeAs("sup-orgdept", task, Map.of()))
        .rootCause().isInstanceOf(RefusedInput.class).hasMessageContaining("整改成果巩固");
    assertThatThrownBy(() -> driver.reopen("92.4", "street-chengguan", "sup-orgdept", null, tomorrow))
        .rootCause().isInstanceOf(RefusedInput.class).hasMessageContaining("复号理由");
    assertThatThrownBy(() -> driver.reopen("92.4", "street-chengguan", "sup-orgdept", " \u200b ", tomorrow))
        .rootCause().isInstanceOf(RefusedInput.class).hasMessageContaining("复号理由");
    assertThatThrownBy(() -> driver.reopen("92.4", "street-chengguan", "sup-orgdept", "问题反弹", null))
        .rootCause().isInstanceOf(RefusedInput.class).hasMessageContaining("新的整改时限");
    assertThatThrownBy(() -> driver.reopen("92.4", "street-chengguan", "sup-orgdept", "问题反弹", yesterday))
        .rootCause().isInstanceOf(RefusedInput.class).hasMessageContaining("新的整改时限").hasMessageContaining("早于今天");
    assertThatThrownBy(() -> driver.reopen("92.4", "street-chengguan", "sec-chengguan", "问题反弹", tomorrow))
        .as("a secretary does not decide").isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> driver.reopen("92.4", "street-chengguan", "sup-discipline", "问题反弹", tomorrow))
        .as("nor a supervisor of other problems").isInstanceOf(AuthorizationException.class);

    assertThat(driver.lookBackTask("92.4", "street-chengguan").getId()).isEqualTo(task.getId());
    assertThat(problem).isWaitingAt(RectificationCaseProcess.TASK_LOOK_BACK);
    Map<String, Object> unit = unitRow("92.4", "street-chengguan");
    assertThat(List.of(unit.get("stage"), unit.get("look_back_result"), unit.get("reopenings"))).containsExactly("LOOK_BACK", "PENDING", 0);
    assertThat(unit.get("look_back_at")).isNull();
    assertThat(unit.get("deadline")).isNull();
    assertThat(List.of(problemRow("92.4").get("status"), problemRow("92.4").get("look_back_result"), problemRow("92.4").get("reopenings")))
        .containsExactly("CLOSED", "PENDING", 0);
    assertThat(register("92.4").timeline()).noneMatch(e -> e.kind() == CaseTimeline.Kind.UNIT_REOPENED
        || e.kind() == CaseTimeline.Kind.LOOK_BACK_CONFIRMED);
  }

  /** One task per unit: two supervisors decide two units at the same moment, and both decisions stand. */
  @Test
  void twoSupervisorsDecideTwoUnitsAtOnce() throws Exception {
    starter.startIfNew(DemoRound.opening(TestProblems.problem("92.5", List.of("org-dept", "discipline"), "street-chengguan", "organs")));
    ProcessInstance problem = caseProcess("92.5");
    close(problem, "92.5", "street-chengguan", "organs");
    lookBackComesUp(problem);
    String deadline = deadlines.today().plusDays(20).toString();

    CompletableFuture<Void> orgDept = CompletableFuture.runAsync(
        () -> driver.confirmLookBack("92.5", "street-chengguan", "sup-orgdept"));
    CompletableFuture<Void> discipline = CompletableFuture.runAsync(
        () -> driver.reopen("92.5", "organs", "sup-discipline", "作风问题反弹", deadline));
    CompletableFuture.allOf(orgDept, discipline).get(1, TimeUnit.MINUTES);
    runDueJobs(problem);

    assertThat(problem).isWaitingAt(RectificationCaseProcess.REOPENED_UNITS);
    assertThat(List.of(unitRow("92.5", "street-chengguan").get("look_back_result"), unitRow("92.5", "organs").get("look_back_result")))
        .containsExactly("CONSOLIDATED", "REOPENED");
    assertThat(driver.unitTask("92.5", "organs").getTaskDefinitionKey()).isEqualTo(UnitRectificationProcess.TASK_RECTIFY);
    assertThat(register("92.5").timeline()).extracting(CaseTimeline.Event::kind, CaseTimeline.Event::actorId)
        .contains(tuple(CaseTimeline.Kind.LOOK_BACK_CONFIRMED, "sup-orgdept"), tuple(CaseTimeline.Kind.UNIT_REOPENED, "sup-discipline"));
  }

  /** Every unit accepted (each join run as the job executor would), then the closure confirmed; returns when. */
  private Date close(ProcessInstance problem, String problemId, String... units) {
    for (String unit : units) {
      accept(problemId, unit);
      runDueJobs(problem);
    }
    Date closedAt = ClockUtil.getCurrentTime();
    driver.confirmClosure(problemId, "sup-orgdept");
    return closedAt;
  }

  private Job lookBackTimer(ProcessInstance problem) {
    return engine.getManagementService().createJobQuery().processInstanceId(problem.getId())
        .activityId(RectificationCaseProcess.LOOK_BACK_DUE).singleResult();
  }

  private void sweepAt(Date moment) {
    ClockUtil.setCurrentTime(moment);
    engine.getManagementService().executeJob(engine.getManagementService().createJobQuery()
        .processDefinitionKey(DeadlineWatchProcess.KEY).singleResult().getId());
  }

  private Map<String, Object> problemRow(String problemId) {
    return jdbc.queryForMap("select * from case_problem where problem_id = ?", DemoRound.key(problemId));
  }

  private Map<String, Object> unitRow(String problemId, String unitId) {
    return jdbc.queryForMap("select * from case_unit where problem_id = ? and unit_id = ?", DemoRound.key(problemId), unitId);
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
