package cn.zhenggai.rectification.casework;

import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.CASE_HISTORY;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.PLAN_APPROVED;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.PLAN_TARGET_DATE;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.REVIEW_COMMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.vocabulary.DeadlineWatchProcess;
import cn.zhenggai.rectification.vocabulary.DueNotice;
import cn.zhenggai.rectification.vocabulary.NoticeSchedule;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.RefusedAction;
import cn.zhenggai.rectification.vocabulary.RefusedInput;
import cn.zhenggai.rectification.vocabulary.StageDeadlines;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/** Every path of UnitRectification.bpmn: plan, review (approve, return), rectify, accept (accept, return). */
@Import(UnitRectificationProcessTest.Coverage.class)
class UnitRectificationProcessTest extends ProcessTestBase {

  @TestConfiguration
  static class Coverage {
    @Bean
    @Primary // over the library's default, which it would otherwise fall back to
    ProcessEngineCoverageProperties coverageProperties() {
      return completeCoverageExcluding(RectificationCaseProcess.KEY, DeadlineWatchProcess.KEY);
    }
  }

  @Autowired StageDeadlines deadlines;
  @Autowired CaseAmendments amendments;
  @Autowired NoticeSchedule schedule;

  /** A still clock, so due dates computed from "now" can be compared exactly. */
  @BeforeEach
  void stopTheClock() {
    ClockUtil.setCurrentTime(new Date());
  }

  @AfterEach
  void restartTheClock() {
    ClockUtil.reset();
  }

  @Test
  void approvedPlanAndAcceptedRectificationEndTheUnitProcess() {
    starter.startIfNew(DemoRound.opening(TestProblems.problem("90.1", "street-chengguan")));
    ProcessInstance unit = unitProcess("90.1", "street-chengguan");

    assertThat(unit).isWaitingAt(UnitRectificationProcess.TASK_DRAFT_PLAN);
    assertThat(BpmnAwareTests.task(unit)).hasCandidateGroup("street-chengguan").hasName("制定整改方案 · 90.1 测试问题 90.1 · 城关街道党工委");
    assertThat(BpmnAwareTests.task(unit).getDueDate()).isNotNull();
    driver.submitPlan("90.1", "street-chengguan", "sec-chengguan");

    assertThat(unit).isWaitingAt(UnitRectificationProcess.TASK_REVIEW_PLAN);
    assertThat(BpmnAwareTests.task(unit)).hasCandidateGroup("org-dept").hasName("审核整改方案 · 90.1 测试问题 90.1 · 城关街道党工委");
    driver.reviewPlan("90.1", "street-chengguan", "sup-orgdept", true, null);

    assertThat(unit).isWaitingAt(UnitRectificationProcess.TASK_RECTIFY);
    assertThat(BpmnAwareTests.task(unit)).hasCandidateGroup("street-chengguan");
    assertThat(BpmnAwareTests.task(unit).getDueDate()).isEqualTo(deadlines.endOf(TestProblems.DEADLINE));
    driver.submitReport("90.1", "street-chengguan", "sec-chengguan");

    assertThat(unit).isWaitingAt(UnitRectificationProcess.TASK_ACCEPT_RECTIFICATION);
    assertThat(BpmnAwareTests.task(unit)).hasCandidateGroup("org-dept").hasName("验收整改成效 · 90.1 测试问题 90.1 · 城关街道党工委");
    driver.acceptRectification("90.1", "street-chengguan", "sup-orgdept", true, null);

    assertThat(unit).isEnded();
    assertThat(register("90.1").units().get(0).stageName()).isEqualTo("已验收");
  }

  /** Refused by the engine itself (so also through the Java API): nothing recorded, the task still open. */
  @Test
  void aCompletionReportWithoutAnEvidenceFileIsRefused() {
    starter.startIfNew(DemoRound.opening(TestProblems.problem("90.11", "street-chengguan")));
    ProcessInstance unit = unitProcess("90.11", "street-chengguan");
    driver.submitPlan("90.11", "street-chengguan", "sec-chengguan");
    driver.reviewPlan("90.11", "street-chengguan", "sup-orgdept", true, null);

    assertThatThrownBy(() -> driver.completeAs("sec-chengguan", driver.unitTask("90.11", "street-chengguan"),
        CaseDriver.report("street-chengguan")))
        .rootCause().isInstanceOf(RefusedInput.class)
        .hasMessage("请先上传至少一份佐证材料（会议记录、照片、制度文件等），再提交完成情况");

    assertThat(unit).isWaitingAt(UnitRectificationProcess.TASK_RECTIFY);
    assertThat(unit).variables().doesNotContainKey(UnitRectificationProcess.RECTIFICATION_DONE);
    driver.submitReport("90.11", "street-chengguan", "sec-chengguan");
    assertThat(unit).isWaitingAt(UnitRectificationProcess.TASK_ACCEPT_RECTIFICATION);
  }

  @Test
  void returnedPlanGoesBackToTheUnitWithItsReasonAndIsReviewedAgain() {
    starter.startIfNew(DemoRound.opening(TestProblems.problem("90.2", "street-dongcheng")));
    ProcessInstance unit = unitProcess("90.2", "street-dongcheng");
    driver.submitPlan("90.2", "street-dongcheng", "sec-dongcheng");

    driver.reviewPlan("90.2", "street-dongcheng", "sup-orgdept", false, "措施不具体，请写明时间节点");

    assertThat(unit).isWaitingAt(UnitRectificationProcess.TASK_DRAFT_PLAN);
    assertThat(BpmnAwareTests.task(unit).getDueDate()).as("a redraft is due in redraft-plan (P5D), not a fresh P15D")
        .isEqualTo(fromNow(Duration.ofDays(5)));
    assertThat(engine.getTaskService().getTaskComments(BpmnAwareTests.task(unit).getId()))
        .as("Tasklist's history tab of the returned plan shows why")
        .extracting(org.camunda.bpm.engine.task.Comment::getFullMessage)
        .containsExactly("退回理由：措施不具体，请写明时间节点");
    assertThat(unit).variables()
        .containsEntry(REVIEW_COMMENT, "措施不具体，请写明时间节点")
        .containsEntry(PLAN_APPROVED, false);
    assertThat((String) engine.getRuntimeService().getVariable(unit.getId(), CASE_HISTORY))
        .contains("赵明远", "退回整改方案", "措施不具体，请写明时间节点", "张海涛", "提交整改方案");

    driver.submitPlan("90.2", "street-dongcheng", "sec-dongcheng");
    assertThat(unit).isWaitingAt(UnitRectificationProcess.TASK_REVIEW_PLAN);
    assertThat(unit).variables().doesNotContainKey(REVIEW_COMMENT);
    driver.reviewPlan("90.2", "street-dongcheng", "sup-orgdept", true, null);

    assertThat(unit).isWaitingAt(UnitRectificationProcess.TASK_RECTIFY);
    assertThat(register("90.2").units().get(0).planReturns()).isEqualTo(1);
  }

  @Test
  void returnedRectificationIsDoneAgainWithEarlierReportsAndReasonsKept() {
    starter.startIfNew(DemoRound.opening(TestProblems.problem("90.3", "street-xicheng")));
    ProcessInstance unit = unitProcess("90.3", "street-xicheng");
    driver.submitPlan("90.3", "street-xicheng", "sec-xicheng");
    driver.reviewPlan("90.3", "street-xicheng", "sup-orgdept", true, null);
    driver.attachEvidence(driver.unitTask("90.3", "street-xicheng"), "street-xicheng", "sec-xicheng");
    driver.completeAs("sec-xicheng", driver.unitTask("90.3", "street-xicheng"), Map.of(
        UnitRectificationProcess.RECTIFICATION_DONE, "第一次报送：已学习 2 次",
        UnitRectificationProcess.RECTIFICATION_RESULTS, "参学率 80%",
        UnitRectificationProcess.EVIDENCE_DESCRIPTION, "记录 2 份"));

    driver.acceptRectification("90.3", "street-xicheng", "sup-orgdept", false, "佐证材料不足");

    assertThat(unit).isWaitingAt(UnitRectificationProcess.TASK_RECTIFY);
    assertThat(BpmnAwareTests.task(unit)).hasCandidateGroup("street-xicheng");
    assertThat(BpmnAwareTests.task(unit).getDueDate()).as("redone by the problem's deadline, still months away")
        .isEqualTo(deadlines.endOf(TestProblems.DEADLINE));
    assertThat(engine.getTaskService().getTaskComments(BpmnAwareTests.task(unit).getId()))
        .extracting(org.camunda.bpm.engine.task.Comment::getFullMessage)
        .containsExactly("退回理由：佐证材料不足");
    assertThat(unit).variables().containsEntry(REVIEW_COMMENT, "佐证材料不足");

    driver.submitReport("90.3", "street-xicheng", "sec-xicheng");
    assertThat((String) engine.getRuntimeService().getVariable(unit.getId(), CASE_HISTORY))
        .contains("第一次报送：已学习 2 次", "验收退回", "佐证材料不足", "已开展专题学习 4 次");
    driver.acceptRectification("90.3", "street-xicheng", "sup-orgdept", true, null);

    assertThat(unit).isEnded();
    CaseQueries.UnitCase row = register("90.3").units().get(0);
    assertThat(row.rectificationReturns()).isEqualTo(1);
    assertThat(register("90.3").timeline()).extracting(CaseTimeline.Event::kindName).containsExactly(
        "提交整改方案", "审核通过整改方案", "报送整改完成情况", "验收退回，要求继续整改", "报送整改完成情况", "验收通过");
  }

  /** Past the problem's deadline a unit still plans (from today on) and a returned report gets the redo period. */
  @Test
  void aUnitPastTheDeadlineStillPlansAndARedoGetsItsOwnPeriod() {
    starter.startIfNew(DemoRound.opening(TestProblems.problem("90.7", "street-chengguan")));
    ProcessInstance unit = unitProcess("90.7", "street-chengguan");
    ClockUtil.setCurrentTime(Date.from(deadlines.endOf(TestProblems.DEADLINE.plusDays(10)).toInstant()));
    Map<String, Object> latePlan = CaseDriver.plan("street-chengguan");
    latePlan.put(PLAN_TARGET_DATE, TestProblems.DEADLINE.plusDays(25).toString());

    driver.completeAs("sec-chengguan", BpmnAwareTests.task(unit), latePlan);
    driver.reviewPlan("90.7", "street-chengguan", "sup-orgdept", true, null);
    driver.submitReport("90.7", "street-chengguan", "sec-chengguan");
    driver.acceptRectification("90.7", "street-chengguan", "sup-orgdept", false, "整改不到位");

    assertThat(unit).isWaitingAt(UnitRectificationProcess.TASK_RECTIFY);
    assertThat(BpmnAwareTests.task(unit).getDueDate()).as("the deadline has passed: redo-rectification (P5D) from now")
        .isEqualTo(fromNow(Duration.ofDays(5)));
  }

  @Test
  void problemsOfWorkStyleAreReviewedByBothSupervisors() {
    starter.startIfNew(DemoRound.opening(TestProblems.problem("90.4", List.of("org-dept", "discipline"), "organs")));
    ProcessInstance unit = unitProcess("90.4", "organs");
    driver.submitPlan("90.4", "organs", "sec-organs");

    assertThat(BpmnAwareTests.task(unit)).hasCandidateGroup("org-dept").hasCandidateGroup("discipline");
    driver.reviewPlan("90.4", "organs", "sup-discipline", true, null);
    driver.submitReport("90.4", "organs", "sec-organs");
    assertThat(BpmnAwareTests.task(unit)).hasCandidateGroup("org-dept").hasCandidateGroup("discipline");
  }

  @Test
  void aReturnWithoutReasonIsRefusedAndChangesNothing() {
    starter.startIfNew(DemoRound.opening(TestProblems.problem("90.5", "education")));
    ProcessInstance unit = unitProcess("90.5", "education");
    driver.submitPlan("90.5", "education", "sec-education");
    String taskId = BpmnAwareTests.task(unit).getId();

    assertThatThrownBy(() -> driver.reviewPlan("90.5", "education", "sup-orgdept", false, "  "))
        .hasRootCauseInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("退回理由");
    assertThatThrownBy(() -> driver.completeAs("sup-orgdept", BpmnAwareTests.task(unit), Map.of(PLAN_APPROVED, "yes")))
        .hasRootCauseInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("planApproved");

    assertThat(unit).isWaitingAt(UnitRectificationProcess.TASK_REVIEW_PLAN);
    assertThat(BpmnAwareTests.task(unit).getId()).isEqualTo(taskId);
    assertThat(register("90.5").units().get(0).planReturns()).isZero();
    assertThat(register("90.5").timeline()).hasSize(1);
  }

  @Test
  void aPlanMissingAFieldOrLaterThanTheDeadlineIsRefusedNamingTheField() {
    starter.startIfNew(DemoRound.opening(TestProblems.problem("90.6", "street-chengguan")));
    ProcessInstance unit = unitProcess("90.6", "street-chengguan");
    Map<String, Object> withoutPerson = CaseDriver.plan("street-chengguan");
    withoutPerson.remove(UnitRectificationProcess.PLAN_RESPONSIBLE_PERSON);
    Map<String, Object> tooLate = CaseDriver.plan("street-chengguan");
    tooLate.put(PLAN_TARGET_DATE, "2027-07-01");

    assertThatThrownBy(() -> driver.completeAs("sec-chengguan", BpmnAwareTests.task(unit), withoutPerson))
        .hasMessageContaining("责任人").hasMessageContaining("planResponsiblePerson");
    assertThatThrownBy(() -> driver.completeAs("sec-chengguan", BpmnAwareTests.task(unit), tooLate))
        .hasMessageContaining("晚于整改时限 2027-06-30");

    assertThat(unit).isWaitingAt(UnitRectificationProcess.TASK_DRAFT_PLAN);
    assertThat(register("90.6").timeline()).isEmpty();
  }

  @Test
  void aUnitWhoseWorkHasNotStartedIsWithdrawnAndTheOthersCloseTheProblem() {
    starter.startIfNew(DemoRound.opening(TestProblems.problem("90.8", "street-chengguan", "street-dongcheng")));
    String key = DemoRound.key("90.8");
    ProcessInstance chengguan = unitProcess("90.8", "street-chengguan");
    driver.submitPlan("90.8", "street-dongcheng", "sec-dongcheng");

    assertThatThrownBy(() -> amendments.removeUnit(key, "street-dongcheng", "误列", "sup-orgdept"))
        .isInstanceOf(RefusedAction.class).hasMessageContaining("已提交过整改方案");
    amendments.removeUnit(key, "street-chengguan", "该街道不涉及此问题", "sup-orgdept");

    assertThat(chengguan).isEnded();
    assertThat(driver.unitTask("90.8", "street-chengguan")).isNull();
    CaseQueries.UnitCase removed = register("90.8").units().stream()
        .filter(u -> u.unitId().equals("street-chengguan")).findFirst().orElseThrow();
    assertThat(List.of(removed.status(), removed.stage(), removed.stageName())).containsExactly("CANCELLED", "CANCELLED", "已撤销");
    assertThat(register("90.8").timeline()).last().satisfies(event -> {
      assertThat(event.kind()).isEqualTo(CaseTimeline.Kind.UNIT_WITHDRAWN);
      assertThat(event.detail()).contains("该街道不涉及此问题");
    });
    assertThatThrownBy(() -> amendments.removeUnit(key, "street-chengguan", "再撤一次", "sup-orgdept"))
        .isInstanceOf(RefusedInput.class);

    driver.reviewPlan("90.8", "street-dongcheng", "sup-orgdept", true, null);
    driver.submitReport("90.8", "street-dongcheng", "sec-dongcheng");
    driver.acceptRectification("90.8", "street-dongcheng", "sup-orgdept", true, null);
    String problem = register("90.8").processInstanceId();
    engine.getManagementService().createJobQuery().processInstanceId(problem).list()
        .forEach(job -> engine.getManagementService().executeJob(job.getId()));

    assertThat(driver.closureTask("90.8")).as("the remaining unit accepted: the problem is closed").isNotNull();
    assertThat(register("90.8").summary().stage()).isEqualTo("CONFIRM_CLOSURE");
  }

  @Test
  void theLastUnitAtWorkIsNotWithdrawnButTheProblemIs() {
    starter.startIfNew(DemoRound.opening(TestProblems.problem("90.9", "education")));

    assertThatThrownBy(() -> amendments.removeUnit(DemoRound.key("90.9"), "education", "误列", "sup-orgdept"))
        .isInstanceOf(RefusedAction.class).hasMessageContaining("撤销问题");
    assertThat(unitProcess("90.9", "education")).isWaitingAt(UnitRectificationProcess.TASK_DRAFT_PLAN);
  }

  /** A new deadline moves the open rectification tasks, their reminders and warnings, and what later plans may promise. */
  @Test
  void aNewDeadlineMovesOpenRectificationTasksAndTheirReminders() {
    starter.startIfNew(DemoRound.opening(TestProblems.problem("90.10", "street-chengguan", "street-dongcheng")));
    String key = DemoRound.key("90.10");
    ProcessInstance unit = unitProcess("90.10", "street-chengguan");
    driver.submitPlan("90.10", "street-chengguan", "sec-chengguan");
    driver.reviewPlan("90.10", "street-chengguan", "sup-orgdept", true, null);
    LocalDate newDeadline = TestProblems.DEADLINE.minusMonths(3);
    Date end = deadlines.endOf(newDeadline);

    assertThatThrownBy(() -> amendments.changeDeadline(key, deadlines.today().minusDays(1), "提前", "sup-orgdept"))
        .isInstanceOf(RefusedInput.class).hasMessageContaining("已经过去");
    amendments.changeDeadline(key, newDeadline, "上级要求提前完成", "sup-orgdept");

    assertThat(BpmnAwareTests.task(unit).getDueDate()).isEqualTo(end);
    assertThat(jdbc.queryForMap("select next_notice, next_notice_at from case_unit where process_instance_id = ?", unit.getId()))
        .as("the reminders start again from the new due date")
        .containsEntry("next_notice", "BEFORE_DUE")
        .containsEntry("next_notice_at", new Timestamp(schedule.at(DueNotice.BEFORE_DUE, end).getTime()));
    CaseQueries.CaseRecord record = register("90.10");
    assertThat(record.summary().deadline()).isEqualTo(newDeadline);
    assertThat(record.units().stream().filter(u -> u.unitId().equals("street-chengguan")).findFirst().orElseThrow().dueAt())
        .isEqualTo(end.toInstant());
    assertThat(record.timeline()).filteredOn(event -> event.kind() == CaseTimeline.Kind.DEADLINE_CHANGED).singleElement()
        .satisfies(event -> assertThat(event.detail()).contains(TestProblems.DEADLINE + " → " + newDeadline, "上级要求提前完成"));
    assertThat(record.timeline()).filteredOn(event -> event.kind() == CaseTimeline.Kind.DUE_DATE_CHANGED).singleElement()
        .satisfies(event -> assertThat(event.actorId()).as("moved by the supervisor, not the task's assignee").isEqualTo("sup-orgdept"));

    Map<String, Object> tooLate = CaseDriver.plan("street-dongcheng");
    tooLate.put(PLAN_TARGET_DATE, newDeadline.plusDays(1).toString());
    assertThatThrownBy(() -> driver.completeAs("sec-dongcheng", driver.unitTask("90.10", "street-dongcheng"), tooLate))
        .hasMessageContaining("晚于整改时限 " + newDeadline);
  }

  private static Date fromNow(Duration duration) {
    return new Date(ClockUtil.getCurrentTime().getTime() + duration.toMillis());
  }

  private ProcessInstance unitProcess(String problemId, String unitId) {
    return engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(UnitRectificationProcess.KEY)
        .processInstanceBusinessKey(UnitRectificationProcess.businessKey(DemoRound.key(problemId), unitId))
        .singleResult();
  }
}
