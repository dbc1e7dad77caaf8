package cn.zhenggai.rectification.casework;

import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.CASE_HISTORY;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.DEADLINE_NOTE;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.EXTENSION_APPROVED;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.EXTENSION_DECISION_COMMENT;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.EXTENSION_GRANTED_UNTIL;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.PLAN_APPROVED;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.PLAN_TARGET_DATE;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.REVIEW_COMMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.extension.ExtensionRequests;
import cn.zhenggai.rectification.extension.ExtensionView;
import cn.zhenggai.rectification.security.Viewer;
import cn.zhenggai.rectification.vocabulary.DeadlineWatchProcess;
import cn.zhenggai.rectification.vocabulary.DueNotice;
import cn.zhenggai.rectification.vocabulary.NoticeSchedule;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.RefusedAction;
import cn.zhenggai.rectification.vocabulary.RefusedAtThisStage;
import cn.zhenggai.rectification.vocabulary.RefusedInput;
import cn.zhenggai.rectification.vocabulary.RetentionCleanupProcess;
import cn.zhenggai.rectification.vocabulary.StageDeadlines;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
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
import org.springframework.web.server.ResponseStatusException;

/**
 * Every path of UnitRectification.bpmn: plan, review (approve, return), rectify, accept (accept, return); and the
 * requests for more time beside the unit's steps (approved, refused, lapsed).
 */
@Import(UnitRectificationProcessTest.Coverage.class)
class UnitRectificationProcessTest extends ProcessTestBase {

  @TestConfiguration
  static class Coverage {
    @Bean
    @Primary // over the library's default, which it would otherwise fall back to
    ProcessEngineCoverageProperties coverageProperties() {
      return completeCoverageExcluding(RectificationCaseProcess.KEY, DeadlineWatchProcess.KEY,
          RetentionCleanupProcess.KEY);
    }
  }

  @Autowired StageDeadlines deadlines;
  @Autowired CaseAmendments amendments;
  @Autowired NoticeSchedule schedule;
  @Autowired ExtensionRequests extensions;

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

  // 延期申请 ---------------------------------------------------------------------------------------------------------

  /** Approved: the task's due date and the item's deadline move; the original deadline stays the problem's. */
  @Test
  void anExtensionApprovedMovesTheDueDateAndTheRectificationDeadline() {
    ProcessInstance unit = atRectification("90.20");
    Task rectify = driver.unitTask("90.20", "street-chengguan");
    LocalDate until = TestProblems.DEADLINE.plusDays(10);

    ExtensionView view = extensions.request(rectify.getId(), until, "汛期施工受阻，需顺延", secretary());

    assertThat(view.pending().requestedUntil()).isEqualTo(until);
    assertThat(view.canRequest()).isFalse();
    Task review = driver.extensionReview("90.20", "street-chengguan");
    assertThat(review).isNotNull();
    assertThat(review).hasCandidateGroup("org-dept");
    assertThat(review.getName()).startsWith("审批延期申请 · 90.20");
    assertThat(review.getDueDate()).as("decided before the unit's due date passes").isEqualTo(rectify.getDueDate());
    assertThat(driver.unitTask("90.20", "street-chengguan").getId()).as("the unit keeps working").isEqualTo(rectify.getId());
    assertThat(unitRow(unit)).containsEntry("extension_pending_until", java.sql.Date.valueOf(until));
    assertThat((String) runtime().getVariable(unit.getId(), DEADLINE_NOTE)).contains("已申请延期至 " + until, "等待督办单位审批");
    assertThat(recipients(review.getId(), "EXTENSION_ASKED")).containsExactly("sup-orgdept");

    driver.completeAs("sup-orgdept", review, Map.of(EXTENSION_APPROVED, true, EXTENSION_GRANTED_UNTIL, until.toString()));

    Date end = deadlines.endOf(until);
    assertThat(driver.unitTask("90.20", "street-chengguan").getDueDate()).isEqualTo(end);
    assertThat(runtime().getVariable(unit.getId(), RectificationCaseProcess.RECTIFICATION_DEADLINE)).isEqualTo(end);
    assertThat(runtime().getVariable(unit.getId(), RectificationCaseProcess.RECTIFICATION_DEADLINE_TEXT)).isEqualTo(until.toString());
    assertThat((String) runtime().getVariable(unit.getId(), DEADLINE_NOTE))
        .isEqualTo("原定整改时限 " + TestProblems.DEADLINE + "，经批准延期至 " + until + "（已延期 1 次）");
    assertThat(unitRow(unit))
        .containsEntry("deadline", java.sql.Date.valueOf(until))
        .containsEntry("extended_until", new Timestamp(end.getTime()))
        .containsEntry("extended_stage", "RECTIFY")
        .containsEntry("extensions", 1)
        .containsEntry("extension_pending_until", null)
        .containsEntry("due_at", new Timestamp(end.getTime()));
    assertThat(register("90.20").summary().deadline()).as("the problem's deadline stays the original").isEqualTo(TestProblems.DEADLINE);
    assertThat(register("90.20").timeline()).extracting(CaseTimeline.Event::kind).containsSubsequence(
        CaseTimeline.Kind.EXTENSION_REQUESTED, CaseTimeline.Kind.EXTENSION_APPROVED).doesNotContain(CaseTimeline.Kind.DUE_DATE_CHANGED);
    assertThat(register("90.20").timeline()).filteredOn(e -> e.kind() == CaseTimeline.Kind.EXTENSION_APPROVED).singleElement()
        .satisfies(e -> assertThat(e.actorId()).isEqualTo("sup-orgdept"));
    assertThat(recipients(rectify.getId(), "EXTENSION_RULED")).containsExactly("sec-chengguan");
    assertThat(historicActivities(unit)).contains("Task_GrantExtension", "EndEvent_ExtensionGranted");
  }

  @Test
  void anExtensionApprovedWithAnEarlierDate() {
    atRectification("90.21");
    Task rectify = driver.unitTask("90.21", "street-chengguan");
    extensions.request(rectify.getId(), TestProblems.DEADLINE.plusDays(20), "需要更多时间", secretary());
    Task review = driver.extensionReview("90.21", "street-chengguan");

    assertThatThrownBy(() -> driver.completeAs("sup-orgdept", review,
        Map.of(EXTENSION_APPROVED, true, EXTENSION_GRANTED_UNTIL, TestProblems.DEADLINE.plusDays(21).toString())))
        .rootCause().isInstanceOf(RefusedInput.class).hasMessageContaining("不能晚于单位申请的 " + TestProblems.DEADLINE.plusDays(20));
    assertThatThrownBy(() -> driver.completeAs("sup-orgdept", review,
        Map.of(EXTENSION_APPROVED, true, EXTENSION_GRANTED_UNTIL, TestProblems.DEADLINE.toString())))
        .rootCause().isInstanceOf(RefusedInput.class).hasMessageContaining("须晚于现截止日期 " + TestProblems.DEADLINE);
    assertThat(driver.unitTask("90.21", "street-chengguan").getDueDate()).isEqualTo(rectify.getDueDate());

    driver.completeAs("sup-orgdept", driver.extensionReview("90.21", "street-chengguan"),
        Map.of(EXTENSION_APPROVED, true, EXTENSION_GRANTED_UNTIL, TestProblems.DEADLINE.plusDays(5).toString()));

    assertThat(driver.unitTask("90.21", "street-chengguan").getDueDate()).isEqualTo(deadlines.endOf(TestProblems.DEADLINE.plusDays(5)));
    assertThat(register("90.21").timeline()).filteredOn(e -> e.kind() == CaseTimeline.Kind.EXTENSION_APPROVED).singleElement()
        .satisfies(e -> assertThat(e.detail()).contains("延至 " + TestProblems.DEADLINE.plusDays(5), "申请延期至 " + TestProblems.DEADLINE.plusDays(20)));
  }

  @Test
  void anExtensionRefusedKeepsTheDueDateWithItsReason() {
    ProcessInstance unit = atRectification("90.22");
    Task rectify = driver.unitTask("90.22", "street-chengguan");
    extensions.request(rectify.getId(), TestProblems.DEADLINE.plusDays(10), "人手不足", secretary());

    driver.completeAs("sup-orgdept", driver.extensionReview("90.22", "street-chengguan"),
        Map.of(EXTENSION_APPROVED, false, EXTENSION_DECISION_COMMENT, "时间充足，请按期完成"));

    assertThat(driver.extensionReview("90.22", "street-chengguan")).isNull();
    assertThat(driver.unitTask("90.22", "street-chengguan").getDueDate()).isEqualTo(rectify.getDueDate());
    assertThat(runtime().getVariable(unit.getId(), RectificationCaseProcess.RECTIFICATION_DEADLINE_TEXT)).isEqualTo(TestProblems.DEADLINE.toString());
    assertThat((String) runtime().getVariable(unit.getId(), DEADLINE_NOTE)).contains("未获批准（时间充足，请按期完成）");
    assertThat(unitRow(unit)).containsEntry("extensions", 0).containsEntry("extension_pending_until", null).containsEntry("deadline", null);
    assertThat(register("90.22").timeline()).filteredOn(e -> e.kind() == CaseTimeline.Kind.EXTENSION_REFUSED).singleElement()
        .satisfies(e -> assertThat(e.detail()).contains("时间充足，请按期完成"));
    assertThat(recipients(rectify.getId(), "EXTENSION_RULED")).containsExactly("sec-chengguan");
    assertThat(historicActivities(unit)).contains("EndEvent_ExtensionRefused").doesNotContain("Task_GrantExtension");
    assertThat(extensions.view(rectify.getId(), secretary()).history()).singleElement()
        .satisfies(entry -> assertThat(entry.statusLabel()).isEqualTo("未获批准"));
  }

  @Test
  void aRefusalWithoutReasonIsRefusedAndChangesNothing() {
    Task rectify = askingForTenMoreDays("90.23");
    Task review = driver.extensionReview("90.23", "street-chengguan");

    assertThatThrownBy(() -> driver.completeAs("sup-orgdept", review, Map.of(EXTENSION_APPROVED, false)))
        .rootCause().isInstanceOf(RefusedInput.class).hasMessageContaining("不同意延期时请写明理由");

    assertThat(driver.extensionReview("90.23", "street-chengguan")).isNotNull();
    assertThat(extensions.view(rectify.getId(), secretary()).pending()).isNotNull();
    assertThat(register("90.23").timeline()).extracting(CaseTimeline.Event::kind).doesNotContain(CaseTimeline.Kind.EXTENSION_REFUSED);
  }

  @Test
  void aSecretaryCannotDecide() {
    Task rectify = askingForTenMoreDays("90.24");
    Task review = driver.extensionReview("90.24", "street-chengguan");

    assertThatThrownBy(() -> driver.completeAs("sec-chengguan", review, Map.of(EXTENSION_APPROVED, true)))
        .isInstanceOf(AuthorizationException.class);

    assertThat(driver.extensionReview("90.24", "street-chengguan")).isNotNull();
    assertThat(driver.unitTask("90.24", "street-chengguan").getDueDate()).isEqualTo(rectify.getDueDate());
  }

  /** A problem at 落实整改 whose unit has asked for ten more days: the unit's task. */
  private Task askingForTenMoreDays(String problemId) {
    atRectification(problemId);
    Task rectify = driver.unitTask(problemId, "street-chengguan");
    extensions.request(rectify.getId(), TestProblems.DEADLINE.plusDays(10), "人手不足", secretary());
    return rectify;
  }

  @Test
  void aRequestAfterTheDeadlineIsRefused() {
    ProcessInstance unit = atRectification("90.25");
    Task rectify = driver.unitTask("90.25", "street-chengguan");
    ClockUtil.setCurrentTime(new Date(rectify.getDueDate().getTime() + 1000));

    assertThatThrownBy(() -> extensions.request(rectify.getId(), TestProblems.DEADLINE.plusDays(10), "来不及", secretary()))
        .isInstanceOf(RefusedAtThisStage.class)
        .hasMessage("截止日期 " + TestProblems.DEADLINE + " 已过，不能再申请延期；逾期事项照常记为逾期");

    assertThat(driver.extensionReview("90.25", "street-chengguan")).isNull();
    assertThat(jdbc.queryForObject("select count(*) from extension_request where process_instance_id = ?", Integer.class, unit.getId())).isZero();
    assertThat(extensions.view(rectify.getId(), secretary()).canRequest()).isFalse();
  }

  @Test
  void aThirdRequestIsRefused() {
    atRectification("90.26");
    Task rectify = driver.unitTask("90.26", "street-chengguan");
    extensions.request(rectify.getId(), TestProblems.DEADLINE.plusDays(10), "第一次", secretary());
    driver.completeAs("sup-orgdept", driver.extensionReview("90.26", "street-chengguan"),
        Map.of(EXTENSION_APPROVED, false, EXTENSION_DECISION_COMMENT, "理由不充分"));
    extensions.request(rectify.getId(), TestProblems.DEADLINE.plusDays(10), "第二次，补充说明", secretary());
    driver.completeAs("sup-orgdept", driver.extensionReview("90.26", "street-chengguan"),
        Map.of(EXTENSION_APPROVED, true, EXTENSION_GRANTED_UNTIL, TestProblems.DEADLINE.plusDays(10).toString()));

    assertThatThrownBy(() -> extensions.request(rectify.getId(), TestProblems.DEADLINE.plusDays(20), "第三次", secretary()))
        .isInstanceOf(RefusedAtThisStage.class).hasMessage("每项整改最多申请延期 2 次，本项已申请 2 次，不能再申请");

    assertThat(driver.extensionReview("90.26", "street-chengguan")).isNull();
    assertThat(driver.unitTask("90.26", "street-chengguan").getDueDate()).isEqualTo(deadlines.endOf(TestProblems.DEADLINE.plusDays(10)));
    assertThat(recipients(rectify.getId(), "EXTENSION_RULED")).as("one notice per decision").hasSize(2);
  }

  @Test
  void aSecondPendingRequestIsRefused() {
    atRectification("90.27");
    Task rectify = driver.unitTask("90.27", "street-chengguan");
    extensions.request(rectify.getId(), TestProblems.DEADLINE.plusDays(10), "第一次", secretary());

    assertThatThrownBy(() -> extensions.request(rectify.getId(), TestProblems.DEADLINE.plusDays(5), "再申请", secretary()))
        .isInstanceOf(RefusedAtThisStage.class)
        .hasMessage("本项已有一份延期申请（延期至 " + TestProblems.DEADLINE.plusDays(10) + "）等待督办单位审批，审批后才能再次申请");
    assertThat(engine.getTaskService().createTaskQuery().taskDefinitionKey(UnitRectificationProcess.TASK_REVIEW_EXTENSION)
        .processInstanceBusinessKey(UnitRectificationProcess.businessKey(DemoRound.key("90.27"), "street-chengguan")).count()).isEqualTo(1);
  }

  @Test
  void requestsWithoutReasonOrWithADateBeforeTheDueOrBeyondTheMaximumAreRefused() {
    ProcessInstance unit = atRectification("90.28");
    Task rectify = driver.unitTask("90.28", "street-chengguan");
    LocalDate due = TestProblems.DEADLINE;

    assertThatThrownBy(() -> extensions.request(rectify.getId(), due.plusDays(5), " \u200b ", secretary()))
        .isInstanceOf(RefusedInput.class).hasMessageContaining("请写明申请延期的理由（reason）");
    assertThatThrownBy(() -> extensions.request(rectify.getId(), null, "理由", secretary()))
        .isInstanceOf(RefusedInput.class).hasMessageContaining("until");
    assertThatThrownBy(() -> extensions.request(rectify.getId(), due, "理由", secretary()))
        .isInstanceOf(RefusedInput.class).hasMessage("延期至 " + due + " 须晚于现截止日期 " + due + "（until）");
    assertThatThrownBy(() -> extensions.request(rectify.getId(), due.plusDays(31), "理由", secretary()))
        .isInstanceOf(RefusedInput.class)
        .hasMessage("延期至 " + due.plusDays(31) + " 超出了允许的范围：现截止日期后最多 30 天，即最晚 " + due.plusDays(30) + "（until）");

    assertThat(jdbc.queryForObject("select count(*) from extension_request where process_instance_id = ?", Integer.class, unit.getId())).isZero();
    assertThat(driver.extensionReview("90.28", "street-chengguan")).isNull();
    assertThat(driver.unitTask("90.28", "street-chengguan").getDueDate()).isEqualTo(rectify.getDueDate());
    assertThat(unitRow(unit)).containsEntry("extension_pending_until", null);
    assertThat(extensions.request(rectify.getId(), due.plusDays(30), "理由", secretary()).pending()).isNotNull();
  }

  @Test
  void onlyTheUnitHoldingTheTaskMayRequest() {
    starter.startIfNew(DemoRound.opening(TestProblems.problem("90.29", "street-chengguan", "street-dongcheng")));
    Task draft = driver.unitTask("90.29", "street-chengguan");

    assertThatThrownBy(() -> extensions.request(draft.getId(), LocalDate.now().plusDays(20), "理由",
        new Viewer("sup-orgdept", Set.of(), true)))
        .isInstanceOf(RefusedAction.class).hasMessage("只有承办该任务的单位可以申请延期");
    assertThatThrownBy(() -> extensions.request(draft.getId(), LocalDate.now().plusDays(20), "理由",
        new Viewer("sec-dongcheng", Set.of("street-dongcheng"), false)))
        .isInstanceOf(ResponseStatusException.class).hasMessageContaining("找不到该任务");
    assertThat(driver.extensionReview("90.29", "street-chengguan")).isNull();
  }

  @Test
  void aRequestLapsesWhenTheUnitCompletesItsTask() {
    starter.startIfNew(DemoRound.opening(TestProblems.problem("90.30", "street-chengguan")));
    ProcessInstance unit = unitProcess("90.30", "street-chengguan");
    Task draft = driver.unitTask("90.30", "street-chengguan");
    extensions.request(draft.getId(), deadlines.dayOf(draft.getDueDate()).plusDays(5), "调研尚未完成", secretary());

    driver.submitPlan("90.30", "street-chengguan", "sec-chengguan");

    assertThat(unit).isWaitingAt(UnitRectificationProcess.TASK_REVIEW_PLAN);
    assertThat(driver.extensionReview("90.30", "street-chengguan")).as("the review went away").isNull();
    assertThat(historicActivities(unit)).contains("BoundaryEvent_ExtensionLapsed", "EndEvent_ExtensionLapsed");
    assertThat(jdbc.queryForObject("select status from extension_request where process_instance_id = ?", String.class, unit.getId()))
        .isEqualTo("LAPSED");
    assertThat(unitRow(unit)).containsEntry("extension_pending_until", null).containsEntry("extensions", 0);
    assertThat(runtime().getVariable(unit.getId(), DEADLINE_NOTE)).isNull();
    assertThat(register("90.30").timeline()).extracting(CaseTimeline.Event::kind).contains(CaseTimeline.Kind.EXTENSION_LAPSED);
  }

  @Test
  void aPlanExtensionMovesOnlyThePlansDueDate() {
    starter.startIfNew(DemoRound.opening(TestProblems.problem("90.31", "street-chengguan")));
    ProcessInstance unit = unitProcess("90.31", "street-chengguan");
    Task draft = driver.unitTask("90.31", "street-chengguan");
    LocalDate planDue = deadlines.dayOf(draft.getDueDate());
    extensions.request(draft.getId(), planDue.plusDays(7), "需征求群众意见", secretary());

    driver.completeAs("sup-orgdept", driver.extensionReview("90.31", "street-chengguan"),
        Map.of(EXTENSION_APPROVED, true, EXTENSION_GRANTED_UNTIL, planDue.plusDays(7).toString()));

    assertThat(driver.unitTask("90.31", "street-chengguan").getDueDate()).isEqualTo(deadlines.endOf(planDue.plusDays(7)));
    assertThat(runtime().getVariable(unit.getId(), RectificationCaseProcess.RECTIFICATION_DEADLINE_TEXT)).isEqualTo(TestProblems.DEADLINE.toString());
    assertThat(unitRow(unit)).containsEntry("deadline", null).containsEntry("extended_stage", "DRAFT_PLAN").containsEntry("extensions", 1);
    assertThat((String) runtime().getVariable(unit.getId(), DEADLINE_NOTE))
        .isEqualTo("原定“制定整改方案”的截止日期 " + planDue + "，经批准延期至 " + planDue.plusDays(7) + "（已延期 1 次）");

    driver.submitPlan("90.31", "street-chengguan", "sec-chengguan");
    driver.reviewPlan("90.31", "street-chengguan", "sup-orgdept", true, null);
    assertThat(driver.unitTask("90.31", "street-chengguan").getDueDate()).isEqualTo(deadlines.endOf(TestProblems.DEADLINE));
    assertThat(runtime().getVariable(unit.getId(), DEADLINE_NOTE)).as("the rectification form shows no plan extension").isNull();
  }

  /** Reminders and cards follow the approved date: nothing at the old one, each at the new one, once. */
  @Test
  void remindersFollowTheApprovedDate() {
    atRectification("90.32");
    Task rectify = driver.unitTask("90.32", "street-chengguan");
    Instant oldDue = rectify.getDueDate().toInstant();
    LocalDate until = TestProblems.DEADLINE.plusDays(10);
    extensions.request(rectify.getId(), until, "需要更多时间", secretary());
    driver.completeAs("sup-orgdept", driver.extensionReview("90.32", "street-chengguan"),
        Map.of(EXTENSION_APPROVED, true, EXTENSION_GRANTED_UNTIL, until.toString()));
    Instant newDue = deadlines.endOf(until).toInstant();

    sweepAt(oldDue.minus(Duration.ofDays(3)).plusSeconds(1));
    sweepAt(oldDue.plusSeconds(1));
    sweepAt(oldDue.plusSeconds(2));
    assertThat(recipients(rectify.getId(), "BEFORE_DUE")).as("nothing at the old date").isEmpty();
    assertThat(recipients(rectify.getId(), "YELLOW_CARD")).isEmpty();

    sweepAt(newDue.minus(Duration.ofDays(3)).plusSeconds(1));
    assertThat(recipients(rectify.getId(), "BEFORE_DUE")).containsExactly("sec-chengguan");
    assertThat(jdbc.queryForObject("select subject from notification where task_id = ? and kind = 'BEFORE_DUE'", String.class,
        rectify.getId())).contains(until + " 23:59 到期");
    sweepAt(newDue.plusSeconds(1));
    sweepAt(newDue.plusSeconds(2));
    sweepAt(newDue.plusSeconds(3));
    assertThat(recipients(rectify.getId(), "YELLOW_CARD")).containsExactlyInAnyOrder("sec-chengguan", "sup-orgdept");
  }

  @Test
  void remindersWhileARequestIsPendingSayItIsPending() {
    atRectification("90.33");
    Task rectify = driver.unitTask("90.33", "street-chengguan");
    LocalDate until = TestProblems.DEADLINE.plusDays(10);
    extensions.request(rectify.getId(), until, "需要更多时间", secretary());

    sweepAt(rectify.getDueDate().toInstant().minus(Duration.ofDays(3)).plusSeconds(1));

    assertThat(jdbc.queryForObject("select text_body from notification where task_id = ? and kind = 'BEFORE_DUE'", String.class,
        rectify.getId())).contains("本项已申请延期至 " + until + "，等待督办单位审批；审批前仍以现截止日期为准。");
    assertThat(jdbc.queryForObject("select html_body from notification where task_id = ? and kind = 'BEFORE_DUE'", String.class,
        rectify.getId())).contains("本项已申请延期至 " + until);
  }

  /** A new deadline of the problem moves the other units; a unit granted a later one keeps its own. */
  @Test
  void aNewDeadlineLeavesAUnitWithALaterExtensionItsOwn() {
    starter.startIfNew(DemoRound.opening(TestProblems.problem("90.34", "street-chengguan", "street-dongcheng")));
    for (String[] unit : new String[][] {{"street-chengguan", "sec-chengguan"}, {"street-dongcheng", "sec-dongcheng"}}) {
      driver.submitPlan("90.34", unit[0], unit[1]);
      driver.reviewPlan("90.34", unit[0], "sup-orgdept", true, null);
    }
    ProcessInstance chengguan = unitProcess("90.34", "street-chengguan");
    LocalDate granted = TestProblems.DEADLINE.plusDays(20);
    extensions.request(driver.unitTask("90.34", "street-chengguan").getId(), granted, "工程量大", secretary());
    driver.completeAs("sup-orgdept", driver.extensionReview("90.34", "street-chengguan"),
        Map.of(EXTENSION_APPROVED, true, EXTENSION_GRANTED_UNTIL, granted.toString()));

    amendments.changeDeadline(DemoRound.key("90.34"), TestProblems.DEADLINE.plusDays(10), "统一顺延", "sup-orgdept");

    assertThat(driver.unitTask("90.34", "street-chengguan").getDueDate()).isEqualTo(deadlines.endOf(granted));
    assertThat(runtime().getVariable(chengguan.getId(), RectificationCaseProcess.RECTIFICATION_DEADLINE_TEXT)).isEqualTo(granted.toString());
    assertThat(unitRow(chengguan)).containsEntry("deadline", java.sql.Date.valueOf(granted));
    assertThat(driver.unitTask("90.34", "street-dongcheng").getDueDate()).isEqualTo(deadlines.endOf(TestProblems.DEADLINE.plusDays(10)));

    amendments.changeDeadline(DemoRound.key("90.34"), TestProblems.DEADLINE.plusDays(30), "再次顺延", "sup-orgdept");

    assertThat(driver.unitTask("90.34", "street-chengguan").getDueDate()).isEqualTo(deadlines.endOf(TestProblems.DEADLINE.plusDays(30)));
    assertThat(unitRow(chengguan)).as("the problem's deadline is the later now").containsEntry("deadline", null);
  }

  /** A unit withdrawn while its request waits: the request lapses with its case, and the timeline says why. */
  @Test
  void aRequestLapsesWhenItsUnitIsWithdrawn() {
    starter.startIfNew(DemoRound.opening(TestProblems.problem("90.35", "street-chengguan", "street-dongcheng")));
    ProcessInstance unit = unitProcess("90.35", "street-chengguan");
    Task draft = driver.unitTask("90.35", "street-chengguan");
    LocalDate until = deadlines.dayOf(draft.getDueDate()).plusDays(5);
    extensions.request(draft.getId(), until, "调研尚未完成", secretary());

    amendments.removeUnit(DemoRound.key("90.35"), "street-chengguan", "该街道不涉及此问题", "sup-orgdept");

    assertThat(unit).isEnded();
    assertLapsedWithItsCase(unit, "90.35", "该单位已撤销，等待审批的延期申请（延期至 " + until + "）随之失效");
  }

  /** A problem withdrawn, or carried over to a later round, while a unit's request waits: the same. */
  @Test
  void aRequestLapsesWhenItsProblemIsWithdrawnOrCarriedOver() {
    ProcessInstance withdrawn = atRectification("90.36");
    extensions.request(driver.unitTask("90.36", "street-chengguan").getId(), TestProblems.DEADLINE.plusDays(10), "汛期",
        secretary());
    ProcessInstance carried = atRectification("90.37");
    extensions.request(driver.unitTask("90.37", "street-chengguan").getId(), TestProblems.DEADLINE.plusDays(12), "汛期",
        secretary());

    amendments.withdraw(DemoRound.key("90.36"), "问题已由上级统一处理", "sup-orgdept");
    amendments.carryOver(DemoRound.key("90.37"), "R2-1", "sup-orgdept");

    assertThat(withdrawn).isEnded();
    assertLapsedWithItsCase(withdrawn, "90.36",
        "问题已撤销，等待审批的延期申请（延期至 " + TestProblems.DEADLINE.plusDays(10) + "）随之失效");
    assertThat(carried).isEnded();
    assertLapsedWithItsCase(carried, "90.37",
        "该单位的整改已转入问题 R2-1，等待审批的延期申请（延期至 " + TestProblems.DEADLINE.plusDays(12) + "）随之失效");
  }

  /**
   * 复号 after an extension: the new round has the look-back's deadline and none of the earlier round's grant (延期至)
   * or requests; 延期次数 counts on over the item's life.
   */
  @Test
  void aReopenedItemAsksForMoreTimeAfreshAndItsExtensionsCountOn() {
    atRectification("90.38");
    LocalDate granted = TestProblems.DEADLINE.plusDays(10);
    extensions.request(driver.unitTask("90.38", "street-chengguan").getId(), granted, "汛期施工受阻", secretary());
    driver.completeAs("sup-orgdept", driver.extensionReview("90.38", "street-chengguan"),
        Map.of(EXTENSION_APPROVED, true, EXTENSION_GRANTED_UNTIL, granted.toString()));

    ProcessInstance reopened = reportedAcceptedAndReopened("90.38", "street-chengguan", "sec-chengguan", 20);

    LocalDate reopenedUntil = deadlines.today().plusDays(20);
    Task rectify = driver.unitTask("90.38", "street-chengguan");
    assertThat(unitRow(reopened))
        .containsEntry("deadline", java.sql.Date.valueOf(reopenedUntil))
        .containsEntry("extended_until", null)
        .containsEntry("extended_stage", null)
        .containsEntry("extension_pending_until", null)
        .containsEntry("extensions", 1);
    ExtensionView fresh = extensions.view(rectify.getId(), secretary());
    assertThat(fresh.canRequest()).isTrue();
    assertThat(fresh.requestsUsed()).isZero();
    assertThat(fresh.history()).isEmpty();
    assertThat(fresh.currentDue()).isEqualTo(reopenedUntil);
    assertThat(fresh.originalDeadline()).as("the look-back's deadline, not the problem's").isEqualTo(reopenedUntil);

    LocalDate later = reopenedUntil.plusDays(7);
    extensions.request(rectify.getId(), later, "整改需要时间", secretary());
    driver.completeAs("sup-orgdept", driver.extensionReview("90.38", "street-chengguan"),
        Map.of(EXTENSION_APPROVED, true, EXTENSION_GRANTED_UNTIL, later.toString()));

    assertThat(unitRow(reopened))
        .containsEntry("deadline", java.sql.Date.valueOf(later))
        .containsEntry("extended_until", new Timestamp(deadlines.endOf(later).getTime()))
        .containsEntry("extended_stage", "RECTIFY")
        .containsEntry("extensions", 2);
    assertThat((String) runtime().getVariable(reopened.getId(), DEADLINE_NOTE))
        .isEqualTo("原定整改时限 " + reopenedUntil + "，经批准延期至 " + later + "（已延期 1 次）");
    assertThat(extensions.view(rectify.getId(), secretary()).originalDeadline()).isEqualTo(reopenedUntil);
  }

  private void assertLapsedWithItsCase(ProcessInstance unit, String problemId, String detail) {
    assertThat(jdbc.queryForMap("select status, pending_item from extension_request where process_instance_id = ?", unit.getId()))
        .containsEntry("status", "LAPSED").containsEntry("pending_item", null);
    assertThat(unitRow(unit)).containsEntry("extension_pending_until", null).containsEntry("extensions", 0);
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(unit.getId()).count()).isZero();
    assertThat(register(problemId).timeline()).last().satisfies(event -> {
      assertThat(event.kind()).isEqualTo(CaseTimeline.Kind.EXTENSION_LAPSED);
      assertThat(event.unitId()).isEqualTo("street-chengguan");
      assertThat(event.actorId()).isEqualTo("sup-orgdept");
      assertThat(event.detail()).isEqualTo(detail);
    });
  }

  private ProcessInstance atRectification(String problemId) {
    starter.startIfNew(DemoRound.opening(TestProblems.problem(problemId, "street-chengguan")));
    driver.submitPlan(problemId, "street-chengguan", "sec-chengguan");
    driver.reviewPlan(problemId, "street-chengguan", "sup-orgdept", true, null);
    return unitProcess(problemId, "street-chengguan");
  }

  private static Viewer secretary() {
    return new Viewer("sec-chengguan", Set.of("street-chengguan"), false);
  }

  /** 复号 at the problem's look-back: Gateway_Reopened sends the unit to 落实整改, its approved plan standing. */
  @Test
  void aReopenedUnitStartsAtRectification() {
    starter.startIfNew(DemoRound.opening(TestProblems.problem("94.1", "street-xicheng")));
    String first = driver.unitTask("94.1", "street-xicheng").getProcessInstanceId();
    driver.submitPlan("94.1", "street-xicheng", "sec-xicheng");
    driver.reviewPlan("94.1", "street-xicheng", "sup-orgdept", true, null);

    ProcessInstance reopened = reportedAcceptedAndReopened("94.1", "street-xicheng", "sec-xicheng", 10);

    LocalDate deadline = deadlines.today().plusDays(10);
    Task rectify = driver.unitTask("94.1", "street-xicheng");
    assertThat(reopened.getId()).isNotEqualTo(first);
    assertThat(reopened).isWaitingAt(UnitRectificationProcess.TASK_RECTIFY);
    assertThat(reopened).hasPassedInOrder("StartEvent_UnitAssigned", "Gateway_Reopened", "Gateway_RectifyMerge");
    assertThat(reopened).hasNotPassed(UnitRectificationProcess.TASK_DRAFT_PLAN, UnitRectificationProcess.TASK_REVIEW_PLAN);
    assertThat(rectify.getDueDate()).isEqualTo(deadlines.endOf(deadline));
    assertThat(rectify.getName()).isEqualTo("落实整改并报送完成情况 · 94.1 测试问题 94.1 · 西城街道党工委");

    driver.submitReport("94.1", "street-xicheng", "sec-xicheng");
    driver.acceptRectification("94.1", "street-xicheng", "sup-orgdept", true, null);
    assertThat(reopened).isEnded();
    List<String> flows = engine.getHistoryService().createHistoricActivityInstanceQuery()
        .processInstanceId(reopened.getId()).list().stream().map(HistoricActivityInstance::getActivityId).toList();
    assertThat(flows).contains("EndEvent_UnitAccepted").doesNotContain("Gateway_DraftPlanMerge");
  }

  /**
   * The only unit at 落实整改 reports and is accepted, the problem is closed, its look-back comes up and reopens the unit
   * with a deadline that many days after the look-back: the unit's new process.
   */
  private ProcessInstance reportedAcceptedAndReopened(String problemId, String unitId, String secretary, int days) {
    ProcessInstance problem = runtime().createProcessInstanceQuery()
        .processDefinitionKey(RectificationCaseProcess.KEY).processInstanceBusinessKey(DemoRound.key(problemId)).singleResult();
    driver.submitReport(problemId, unitId, secretary);
    driver.acceptRectification(problemId, unitId, "sup-orgdept", true, null);
    runDueJobs(problem);
    driver.confirmClosure(problemId, "sup-orgdept");
    lookBackComesUp(problem);
    driver.reopen(problemId, unitId, "sup-orgdept", "台账不全，问题反弹", deadlines.today().plusDays(days).toString());
    runDueJobs(problem);
    return runtime().createProcessInstanceQuery()
        .processInstanceId(driver.unitTask(problemId, unitId).getProcessInstanceId()).singleResult();
  }

  private org.camunda.bpm.engine.RuntimeService runtime() {
    return engine.getRuntimeService();
  }

  private Map<String, Object> unitRow(ProcessInstance unit) {
    return jdbc.queryForMap("select deadline, extended_until, extended_stage, extensions, extension_pending_until, due_at"
        + " from case_unit where process_instance_id = ?", unit.getId());
  }

  private List<String> recipients(String taskId, String kind) {
    return jdbc.queryForList("select recipient_id from notification where task_id = ? and kind = ? order by id", String.class,
        taskId, kind);
  }

  private List<String> historicActivities(ProcessInstance unit) {
    return engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(unit.getId()).list().stream()
        .map(org.camunda.bpm.engine.history.HistoricActivityInstance::getActivityId).toList();
  }

  /** The engine clock at that moment, and the sweep's timer job run (as DeadlineWatchProcessTest does). */
  private void sweepAt(Instant moment) {
    ClockUtil.setCurrentTime(Date.from(moment));
    engine.getManagementService().executeJob(engine.getManagementService().createJobQuery()
        .processDefinitionKey(DeadlineWatchProcess.KEY).singleResult().getId());
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
