package cn.zhenggai.rectification.casework;

import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.evidence.EvidenceUploads;
import cn.zhenggai.rectification.organization.IdentitySeeding;
import cn.zhenggai.rectification.organization.Organization;
import cn.zhenggai.rectification.organization.TasklistFilters;
import cn.zhenggai.rectification.security.AccessGrants;
import cn.zhenggai.rectification.security.Viewer;
import cn.zhenggai.rectification.startup.SeedProperties;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestExecutionListeners;

/**
 * A process test: the whole application on its own in-memory database, jobs executed by the test, the seeds not
 * loaded at start (the test opens its own cases, so coverage sees them from their start; the organization and its
 * authorizations are loaded before each test), coverage reported under {@code target/process-test-coverage}.
 */
@SpringBootTest(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:${random.uuid};DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false",
      "rectification.seeds.load-at-start-up=false"
    })
@Import(ProcessEngineCoverageConfiguration.class)
@TestExecutionListeners(
    listeners = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public abstract class ProcessTestBase {

  @Autowired protected ProcessEngine engine;
  @Autowired protected CaseStarter starter;
  @Autowired protected CaseQueries queries;
  @Autowired protected JdbcTemplate jdbc;
  @Autowired protected EvidenceUploads evidence;
  @Autowired IdentitySeeding identity;
  @Autowired SeedProperties seeds;
  @Autowired AccessGrants access;
  @Autowired TasklistFilters filters;
  protected CaseDriver driver;

  /** Coverage of the class's own diagram must be complete: every flow node and sequence flow. */
  protected static ProcessEngineCoverageProperties completeCoverageExcluding(String... otherProcessKeys) {
    return new ProcessEngineCoverageProperties.Builder()
        .excludeProcessDefinitionKeys(otherProcessKeys)
        .assertClassCoverageAtLeast(1.0)
        .build();
  }

  /** The case's continuation jobs that are due (the joins after each unit), run as the job executor would run them. */
  protected void runDueJobs(ProcessInstance problem) {
    List<Job> due;
    while (!(due = engine.getManagementService().createJobQuery().processInstanceId(problem.getId()).executable().list())
        .isEmpty()) {
      due.forEach(job -> engine.getManagementService().executeJob(job.getId()));
    }
  }

  /** A closed problem's look-back comes up: the engine clock a second past its timer, the timer run. */
  protected void lookBackComesUp(ProcessInstance problem) {
    Job timer = engine.getManagementService().createJobQuery().processInstanceId(problem.getId())
        .activityId(RectificationCaseProcess.LOOK_BACK_DUE).singleResult();
    ClockUtil.setCurrentTime(new Date(timer.getDuedate().getTime() + 1000));
    engine.getManagementService().executeJob(timer.getId());
  }

  /** The case register as a supervisor sees it. */
  protected CaseQueries.CaseRecord register(String problemId) {
    return queries.one(DemoRound.key(problemId), new Viewer("test", Set.of(), true)).orElseThrow();
  }

  @BeforeEach
  protected void loadOrganization() {
    identity.apply(Organization.read(seeds.organization()), true);
    access.apply(filters.apply());
    BpmnAwareTests.init(engine);
    driver = new CaseDriver(engine, evidence);
  }
}
