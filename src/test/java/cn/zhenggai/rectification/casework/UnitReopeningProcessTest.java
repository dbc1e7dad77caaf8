package cn.zhenggai.rectification.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.vocabulary.DeadlineWatchProcess;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.StageDeadlines;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
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
 * The path of UnitRectification.bpmn for a unit reopened at its problem's look-back (复号): Gateway_Reopened sends it
 * to 落实整改, its approved plan standing. The diagram's full coverage is {@link UnitRectificationProcessTest}'s
 * (this path included once the two are merged); here the path is checked in the history.
 */
@Import(UnitReopeningProcessTest.Coverage.class)
class UnitReopeningProcessTest extends ProcessTestBase {

  @TestConfiguration
  static class Coverage {
    @Bean
    @Primary // over the library's default, which it would otherwise fall back to
    ProcessEngineCoverageProperties coverageProperties() {
      return completeCoverageExcluding(RectificationCaseProcess.KEY, UnitRectificationProcess.KEY, DeadlineWatchProcess.KEY);
    }
  }

  @Autowired StageDeadlines deadlines;

  @BeforeEach
  void stopTheClock() {
    ClockUtil.setCurrentTime(new Date());
  }

  @AfterEach
  void restartTheClock() {
    ClockUtil.reset();
  }

  @Test
  void aReopenedUnitStartsAtRectification() {
    starter.startIfNew(DemoRound.opening(TestProblems.problem("94.1", "street-xicheng")));
    ProcessInstance problem = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(RectificationCaseProcess.KEY).processInstanceBusinessKey(DemoRound.key("94.1")).singleResult();
    String first = driver.unitTask("94.1", "street-xicheng").getProcessInstanceId();
    driver.submitPlan("94.1", "street-xicheng", "sec-xicheng");
    driver.reviewPlan("94.1", "street-xicheng", "sup-orgdept", true, null);
    driver.submitReport("94.1", "street-xicheng", "sec-xicheng");
    driver.acceptRectification("94.1", "street-xicheng", "sup-orgdept", true, null);
    runDueJobs(problem);
    driver.confirmClosure("94.1", "sup-orgdept");
    lookBackComesUp(problem);
    LocalDate deadline = deadlines.today().plusDays(10);
    driver.reopen("94.1", "street-xicheng", "sup-orgdept", "台账不全，问题反弹", deadline.toString());
    runDueJobs(problem);

    Task rectify = driver.unitTask("94.1", "street-xicheng");
    ProcessInstance reopened = engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceId(rectify.getProcessInstanceId()).singleResult();
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
}
