package cn.zhenggai.rectification.bench;

import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.TestPostgres;
import cn.zhenggai.rectification.casework.CaseStarter;
import cn.zhenggai.rectification.organization.Organization;
import cn.zhenggai.rectification.problem.Problem;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.StageDeadlines;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The baseline of the lifecycle benchmark, "bare Camunda": a second process engine on a fresh PostgreSQL database,
 * configured like the application's engine (history level, id generator, authorization and its settings, JDBC batching,
 * Spring-managed transactions on HikariCP, job executor with the same pool and acquisition settings), running the same
 * two BPMN files and forms with every {@code camunda:taskListener} and {@code camunda:executionListener} removed (with
 * the reminder timers they carry), and without the application's engine plugins (case register, task names, unit
 * access grants). The expressions the flow itself needs are served by {@code deadlines} (the application's own
 * due-date arithmetic, also the look-back timer a closed case then waits at) and {@code units} (the unit's name from this engine's identity service, as the application does).
 */
final class BareEngine implements AutoCloseable {


  private final ProcessEngine engine;
  private final HikariDataSource dataSource;
  private final ThreadPoolTaskExecutor jobThreads;
  private final StageDeadlines deadlines;
  /** What was taken out of the BPMN files and how the engine is set up, for the report. */
  final String removed;
  final String settings;

  private BareEngine(ProcessEngine engine, HikariDataSource dataSource, ThreadPoolTaskExecutor jobThreads,
      StageDeadlines deadlines, String removed, String settings) {
    this.engine = engine;
    this.dataSource = dataSource;
    this.jobThreads = jobThreads;
    this.deadlines = deadlines;
    this.removed = removed;
    this.settings = settings;
  }

  /** A bare engine configured like {@code application}, with the organization of the seed file as its identities. */
  static BareEngine start(ProcessEngine application, DataSource applicationDataSource, StageDeadlines deadlines) {
    ProcessEngineConfigurationImpl product = (ProcessEngineConfigurationImpl) application.getProcessEngineConfiguration();

    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(TestPostgres.newDatabase("bench_bare_camunda"));
    dataSource.setUsername(TestPostgres.user());
    dataSource.setPassword("");
    if (applicationDataSource instanceof HikariDataSource hikari) {
      dataSource.setMaximumPoolSize(hikari.getMaximumPoolSize());
    }

    UnitNames units = new UnitNames();
    SpringProcessEngineConfiguration bare = new SpringProcessEngineConfiguration();
    bare.setProcessEngineName("bare");
    bare.setDataSource(dataSource);
    bare.setTransactionManager(new DataSourceTransactionManager(dataSource));
    bare.setDatabaseSchemaUpdate(product.getDatabaseSchemaUpdate());
    bare.setHistory(product.getHistoryLevel().getName());
    bare.setIdGenerator(newInstance(product.getIdGenerator().getClass()));
    bare.setJdbcBatchProcessing(product.isJdbcBatchProcessing());
    bare.setAuthorizationEnabled(product.isAuthorizationEnabled());
    bare.setGeneralResourceWhitelistPattern(product.getGeneralResourceWhitelistPattern());
    bare.setDefaultUserPermissionNameForTask(product.getDefaultUserPermissionNameForTask());
    bare.setEnableHistoricInstancePermissions(product.isEnableHistoricInstancePermissions());
    bare.setMetricsEnabled(product.isMetricsEnabled());
    bare.setDbMetricsReporterActivate(product.isDbMetricsReporterActivate());
    bare.setTaskMetricsEnabled(product.isTaskMetricsEnabled());
    bare.setJobExecutorDeploymentAware(product.isJobExecutorDeploymentAware());
    bare.setJobExecutorPreferTimerJobs(product.isJobExecutorPreferTimerJobs());
    bare.setJobExecutorAcquireByDueDate(product.isJobExecutorAcquireByDueDate());
    bare.setJobExecutorAcquireByPriority(product.isJobExecutorAcquireByPriority());
    bare.setBeans(Map.of("deadlines", deadlines, "units", units));

    ThreadPoolTaskExecutor jobThreads = new ThreadPoolTaskExecutor();
    if (product.getJobExecutor() instanceof SpringJobExecutor spring
        && spring.getTaskExecutor() instanceof ThreadPoolTaskExecutor pool) {
      jobThreads.setCorePoolSize(pool.getCorePoolSize());
      jobThreads.setMaxPoolSize(pool.getMaxPoolSize());
      jobThreads.setQueueCapacity(pool.getQueueCapacity());
    } else {
      throw new IllegalStateException("expected the Spring Boot starter's job executor, found " + product.getJobExecutor());
    }
    jobThreads.setThreadNamePrefix("bare-job-");
    jobThreads.initialize();
    SpringJobExecutor jobs = new SpringJobExecutor();
    jobs.setTaskExecutor(jobThreads);
    copyAcquisition(product.getJobExecutor(), jobs);
    bare.setJobExecutor(jobs);
    bare.setJobExecutorActivate(true);

    ProcessEngine engine = bare.buildProcessEngine();
    units.identity = engine.getIdentityService();
    copyOrganization(engine.getIdentityService());

    DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("bare-camunda");
    int taskListeners = 0;
    int executionListeners = 0;
    for (String file : List.of("RectificationCase.bpmn", "UnitRectification.bpmn")) {
      BpmnModelInstance model = read("bpmn/" + file);
      taskListeners += remove(model, CamundaTaskListener.class);
      executionListeners += remove(model, CamundaExecutionListener.class);
      Bpmn.validateModel(model);
      deployment.addModelInstance("bpmn/" + file, model);
    }
    try {
      for (Resource form : new PathMatchingResourcePatternResolver().getResources("classpath*:bpmn/forms/*.form")) {
        deployment.addInputStream("bpmn/forms/" + form.getFilename(), form.getInputStream());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    deployment.deploy();

    String settings = "history " + bare.getHistory() + ", id generator " + bare.getIdGenerator().getClass().getSimpleName()
        + ", authorization " + (bare.isAuthorizationEnabled() ? "on" : "off") + " (task permission "
        + bare.getDefaultUserPermissionNameForTask() + "), JDBC batching " + bare.isJdbcBatchProcessing()
        + ", HikariCP pool " + dataSource.getMaximumPoolSize() + ", job executor threads " + jobThreads.getCorePoolSize()
        + "–" + jobThreads.getMaxPoolSize() + " (queue " + jobThreads.getQueueCapacity() + "), "
        + jobs.getMaxJobsPerAcquisition() + " jobs per acquisition, idle wait " + jobs.getWaitTimeInMillis() + "–"
        + jobs.getMaxWait() + " ms";
    String removed = taskListeners + " task listeners and " + executionListeners + " execution listeners";
    return new BareEngine(engine, dataSource, jobThreads, deadlines, removed, settings);
  }

  ProcessEngine engine() {
    return engine;
  }

  DataSource dataSource() {
    return dataSource;
  }

  /** Starts the problem's case with the variables the application's CaseStarter gives it. */
  void open(Problem problem) {
    engine.getRuntimeService()
        .createProcessInstanceByKey(RectificationCaseProcess.KEY)
        .businessKey(DemoRound.opening(problem).key())
        .setVariables(CaseStarter.variables(DemoRound.opening(problem), deadlines))
        .execute();
  }

  @Override
  public void close() {
    engine.close();
    jobThreads.shutdown();
    dataSource.close();
  }

  /** {@code ${units.nameOf(unitId)}} of the call activity, answered from this engine's identity service. */
  public static final class UnitNames {
    private IdentityService identity;

    public String nameOf(String unitId) {
      Group group = identity.createGroupQuery().groupId(unitId).singleResult();
      return group == null ? unitId : group.getName();
    }
  }

  private static void copyAcquisition(JobExecutor from, JobExecutor to) {
    to.setMaxJobsPerAcquisition(from.getMaxJobsPerAcquisition());
    to.setWaitTimeInMillis(from.getWaitTimeInMillis());
    to.setMaxWait(from.getMaxWait());
    to.setWaitIncreaseFactor(from.getWaitIncreaseFactor());
    to.setLockTimeInMillis(from.getLockTimeInMillis());
    to.setBackoffTimeInMillis(from.getBackoffTimeInMillis());
    to.setMaxBackoff(from.getMaxBackoff());
    to.setBackoffDecreaseThreshold(from.getBackoffDecreaseThreshold());
  }

  /** The groups, people and memberships of the seed organization, so the driver signs in as in the application. */
  private static void copyOrganization(IdentityService identity) {
    Organization organization = Organization.read(Path.of("seeds", "organization.yaml"));
    for (Organization.Group seed : organization.groups()) {
      Group group = identity.newGroup(seed.id());
      group.setName(seed.name());
      group.setType(seed.role().name().toUpperCase());
      identity.saveGroup(group);
    }
    for (Organization.Person seed : organization.users()) {
      User user = identity.newUser(seed.id());
      user.setFirstName(seed.name());
      user.setLastName("");
      user.setEmail(seed.email());
      identity.saveUser(user);
      seed.groups().forEach(group -> identity.createMembership(seed.id(), group));
    }
  }

  private static BpmnModelInstance read(String resource) {
    try (InputStream in = BareEngine.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath");
      }
      return Bpmn.readModelFromStream(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int remove(BpmnModelInstance model, Class<? extends ModelElementInstance> type) {
    List<? extends ModelElementInstance> listeners = List.copyOf(model.getModelElementsByType(type));
    listeners.forEach(listener -> listener.getParentElement().removeChildElement(listener));
    return listeners.size();
  }

  private static <T> T newInstance(Class<T> type) {
    try {
      return type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create a " + type.getName(), e);
    }
  }
}
