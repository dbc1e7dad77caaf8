package cn.zhenggai.rectification.retention;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.casework.ProcessTestBase;
import cn.zhenggai.rectification.vocabulary.DeadlineWatchProcess;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.RetentionCleanupProcess;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/** The night's cleanup (RetentionCleanup.bpmn) starts every day at the start of the history cleanup window, 01:00. */
@Import(RetentionCleanupProcessTest.Coverage.class)
class RetentionCleanupProcessTest extends ProcessTestBase {

  @TestConfiguration
  static class Coverage {
    @Bean
    @Primary
    ProcessEngineCoverageProperties coverageProperties() {
      return completeCoverageExcluding(RectificationCaseProcess.KEY, UnitRectificationProcess.KEY,
          DeadlineWatchProcess.KEY);
    }
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void startsAtOneInTheMorningEveryDayAndEnds() {
    Job first = timer();
    LocalDateTime now = LocalDateTime.now();
    LocalDateTime nextOne = now.toLocalDate().atTime(LocalTime.of(1, 0));
    assertThat(local(first.getDuedate())).as("the next 01:00 after the deployment")
        .isEqualTo(nextOne.isAfter(now) ? nextOne : nextOne.plusDays(1));

    ClockUtil.setCurrentTime(new Date(first.getDuedate().getTime() + 60_000));
    engine.getManagementService().executeJob(first.getId());

    HistoricProcessInstance night = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(RetentionCleanupProcess.KEY).singleResult();
    assertThat(night.getState()).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(night.getId())
        .orderPartiallyByOccurrence().asc().list())
        .extracting(HistoricActivityInstance::getActivityId)
        .containsExactly(RetentionCleanupProcess.START, RetentionCleanupProcess.TASK_REMOVE_EXPIRED_RECORDS,
            RetentionCleanupProcess.END);
    assertThat(local(timer().getDuedate())).as("the next night").isEqualTo(local(first.getDuedate()).plusDays(1));
  }

  private Job timer() {
    return engine.getManagementService().createJobQuery().processDefinitionKey(RetentionCleanupProcess.KEY)
        .singleResult();
  }

  private static LocalDateTime local(Date date) {
    return LocalDateTime.ofInstant(date.toInstant(), ZoneId.systemDefault());
  }
}
