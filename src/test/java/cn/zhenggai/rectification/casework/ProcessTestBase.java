package cn.zhenggai.rectification.casework;

import cn.zhenggai.rectification.organization.IdentitySeeding;
import cn.zhenggai.rectification.organization.Organization;
import cn.zhenggai.rectification.seeding.SeedProperties;
import cn.zhenggai.rectification.security.Viewer;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestExecutionListeners;

/**
 * A process test: the whole application on its own in-memory database, jobs executed by the test, the seeds not
 * loaded at start (the test opens its own cases, so coverage sees them from their start; the organization is loaded
 * before each test), coverage reported under {@code target/process-test-coverage}.
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
abstract class ProcessTestBase {

  @Autowired ProcessEngine engine;
  @Autowired CaseStarter starter;
  @Autowired CaseQueries queries;
  @Autowired IdentitySeeding identity;
  @Autowired SeedProperties seeds;
  CaseDriver driver;

  /** The case register as a supervisor sees it. */
  CaseQueries.CaseDetail register(String problemId) {
    return queries.one(problemId, new Viewer("test", Set.of(), true)).orElseThrow();
  }

  @BeforeEach
  void loadOrganization() {
    identity.apply(Organization.read(seeds.organization()), true);
    BpmnAwareTests.init(engine);
    driver = new CaseDriver(engine);
  }
}
