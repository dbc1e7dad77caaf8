package cn.zhenggai.rectification.casework;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.vocabulary.RefusedInput;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * With {@code rectification.evidence.required.plan} on, a plan needs a file of its own as a report does; with
 * {@code .report} off, a report goes without one.
 */
@TestPropertySource(properties = {
    "rectification.evidence.required.plan=true",
    "rectification.evidence.required.report=false"})
class EvidenceRequiredProcessTest extends ProcessTestBase {

  @Test
  void aPlanNeedsAFileAndAReportNoneAsConfigured() {
    starter.startIfNew(DemoRound.opening(TestProblems.problem("92.1", "street-chengguan")));
    ProcessInstance unit = engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(UnitRectificationProcess.businessKey(DemoRound.key("92.1"), "street-chengguan")).singleResult();

    assertThatThrownBy(() -> driver.submitPlan("92.1", "street-chengguan", "sec-chengguan"))
        .rootCause().isInstanceOf(RefusedInput.class).hasMessage("请先上传至少一份佐证材料，再提交整改方案");
    assertThat(unit).isWaitingAt(UnitRectificationProcess.TASK_DRAFT_PLAN);

    driver.attachEvidence(driver.unitTask("92.1", "street-chengguan"), "street-chengguan", "sec-chengguan");
    driver.submitPlan("92.1", "street-chengguan", "sec-chengguan");
    driver.reviewPlan("92.1", "street-chengguan", "sup-orgdept", true, null);
    driver.completeAs("sec-chengguan", driver.unitTask("92.1", "street-chengguan"), CaseDriver.report("street-chengguan"));

    assertThat(unit).isWaitingAt(UnitRectificationProcess.TASK_ACCEPT_RECTIFICATION);
  }
}
