package cn.zhenggai.rectification.retention;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.casework.CaseAmendments;
import cn.zhenggai.rectification.casework.CaseDriver;
import cn.zhenggai.rectification.casework.CaseOpening;
import cn.zhenggai.rectification.casework.CaseStarter;
import cn.zhenggai.rectification.evidence.EvidenceUploads;
import cn.zhenggai.rectification.extension.ExtensionRequests;
import cn.zhenggai.rectification.problem.Problem;
import cn.zhenggai.rectification.security.Viewer;
import cn.zhenggai.rectification.vocabulary.DeadlineWatchProcess;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.RetentionCleanupProcess;
import cn.zhenggai.rectification.vocabulary.StageDeadlines;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Ten years after a case ended, everything of it goes in the night window, ours and Camunda's history alike; what
 * ended later or is still open stays. The engine clock moves over the years (day 0 = tomorrow 00:30, local time): on
 * day 0 problem 2.2 (a plan with an evidence file, an approved request for more time, its notices) is withdrawn, a
 * round of its own with its one case ends and is closed, a digest is recorded; on day 400 problem 2.3 is withdrawn;
 * 1.1 stays open. The job executor is off: the test runs Camunda's history cleanup and the night's timer itself.
 */
@TestPropertySource(properties = "camunda.bpm.job-execution.enabled=false")
class RetentionIT extends PostgresApplicationTest {

  static final String OWN_ROUND = "2026-ZXDC";
  static final String OWN_CASE = OWN_ROUND + "/1";
  static final String CHENGGUAN = "street-chengguan";
  static final String[] CASE_TABLES = {"case_problem", "case_unit", "case_event", "notification", "extension_request"};

  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  @Autowired CaseStarter starter;
  @Autowired CaseAmendments amendments;
  @Autowired ExtensionRequests extensions;
  @Autowired EvidenceUploads evidence;
  @Autowired StageDeadlines deadlines;

  @AfterAll
  static void clockBack() {
    ClockUtil.reset();
  }

  @Test
  void tenYearsAfterACaseEndedItGoesAtNightWithItsHistoryAndWhatEndedLaterStays() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.getHistoryCleanupStrategy()).isEqualTo("removalTimeBased");
    assertThat(configuration.getHistoryRemovalTimeStrategy()).isEqualTo("end");
    assertThat(timeToLive()).containsExactly(Map.entry(DeadlineWatchProcess.KEY, 7),
        Map.entry(RectificationCaseProcess.KEY, 3653), Map.entry(RetentionCleanupProcess.KEY, 7),
        Map.entry(UnitRectificationProcess.KEY, 3653));

    LocalDateTime day0 = LocalDate.now().plusDays(1).atTime(0, 30);
    clockAt(day0);
    String withdrawn = DemoRound.key("2.2");
    CaseDriver driver = new CaseDriver(engine, evidence);
    driver.submitPlan(withdrawn, CHENGGUAN, "sec-chengguan");
    driver.reviewPlan(withdrawn, CHENGGUAN, "sup-orgdept", true, null);
    Task rectify = driver.unitTask(withdrawn, CHENGGUAN);
    driver.attachEvidence(rectify, CHENGGUAN, "sec-chengguan");
    extensions.request(rectify.getId(), deadlines.dayOf(rectify.getDueDate()).plusDays(10), "需要等待设备到货",
        new Viewer("sec-chengguan", Set.of(CHENGGUAN), false));
    driver.completeAs("sup-orgdept", driver.extensionReview(withdrawn, CHENGGUAN),
        Map.of(UnitRectificationProcess.EXTENSION_APPROVED, true));
    amendments.withdraw(withdrawn, "与 1.1 重复", "sup-orgdept");
    ownRoundEndedAndClosed();
    jdbc.update("insert into notification (dedup_key, kind, recipient_id, subject, html_body, text_body, status,"
            + " created_at, next_attempt_at)"
            + " values (?, 'DIGEST', 'sup-orgdept', '【每日汇总】', '<p>汇总</p>', '汇总', 'SENT', ?, ?)",
        "DIGEST:sup-orgdept:" + day0.toLocalDate(), now(), now());
    String withdrawnInstance = instanceOf(withdrawn);
    for (String table : CASE_TABLES) {
      assertThat(rowsOf(table, withdrawn)).as(table + " of 2.2 before").isPositive();
    }
    assertThat(count("select count(*) from evidence_file where case_key = ?", withdrawn)).isEqualTo(1);
    assertThat(count("select count(*) from act_hi_procinst where root_proc_inst_id_ = ?", withdrawnInstance))
        .as("the case and its three units").isEqualTo(4);

    clockAt(day0.plusDays(400));
    String later = DemoRound.key("2.3");
    amendments.withdraw(later, "已并入专项整治", "sup-orgdept");
    String laterInstance = instanceOf(later);
    String openInstance = instanceOf(DemoRound.key("1.1"));

    clockAt(day0.plusDays(3653).toLocalDate().atTime(5, 30));
    runTheNightsCleanup();
    assertThat(rowsOf("case_problem", withdrawn)).as("after the window's end nothing goes").isEqualTo(1);
    assertThat(count("select count(*) from case_round where code = ?", OWN_ROUND)).isEqualTo(1);

    clockAt(day0.plusDays(3654).toLocalDate().atTime(1, 30));
    runCamundasHistoryCleanup();
    runTheNightsCleanup();

    for (String table : CASE_TABLES) {
      assertThat(rowsOf(table, withdrawn)).as(table + " of 2.2").isZero();
      assertThat(rowsOf(table, OWN_CASE)).as(table + " of the own round's case").isZero();
    }
    assertThat(count("select count(*) from evidence_file where case_key = ?", withdrawn)).isZero();
    assertThat(count("select count(*) from evidence_chunk")).as("the only file's contents").isZero();
    for (String history : List.of("act_hi_procinst", "act_hi_taskinst", "act_hi_varinst", "act_hi_actinst")) {
      assertThat(count("select count(*) from " + history + " where root_proc_inst_id_ = ?", withdrawnInstance))
          .as(history + " of 2.2, units included").isZero();
      assertThat(count("select count(*) from " + history + " where root_proc_inst_id_ = ?", laterInstance))
          .as(history + " of 2.3").isPositive();
      assertThat(count("select count(*) from " + history + " where root_proc_inst_id_ = ?", openInstance))
          .as(history + " of 1.1").isPositive();
    }
    assertThat(rowsOf("case_problem", later)).isEqualTo(1);
    assertThat(rowsOf("case_unit", later)).isEqualTo(3);
    assertThat(rowsOf("notification", later)).isPositive();
    assertThat(rowsOf("case_problem", DemoRound.key("1.1"))).isEqualTo(1);
    assertThat(count("select count(*) from notification where kind = 'DIGEST'")).as("the digest").isZero();
    assertThat(count("select count(*) from case_round where code = ?", OWN_ROUND)).as("the own round").isZero();
    assertThat(count("select count(*) from round_change where round_code = ?", OWN_ROUND)).isZero();
    assertThat(count("select count(*) from case_round where code = ?", DemoRound.CODE)).as("the demo round")
        .isEqualTo(1);
  }

  /** A round of its own, published and closed on day 0 after its one case was withdrawn. */
  private void ownRoundEndedAndClosed() {
    jdbc.update("insert into case_round (code, name, kind, held_on, default_deadline, status, created_by, created_at,"
            + " published_at, published_by)"
            + " values (?, '专项督查', '专项督查', ?, ?, 'PUBLISHED', 'sup-orgdept', ?, ?, 'sup-orgdept')",
        OWN_ROUND, java.sql.Date.valueOf(LocalDate.now()), java.sql.Date.valueOf(LocalDate.now().plusDays(30)), now(),
        now());
    jdbc.update("insert into round_change (round_code, actor_id, what, occurred_at)"
        + " values (?, 'sup-orgdept', '发布', ?)", OWN_ROUND, now());
    starter.startIfNew(new CaseOpening(OWN_ROUND, "专项督查", new Problem("1", "专项督查问题", "专项问题 1", "专项督查原文 1",
        List.of("限期整改"), List.of(CHENGGUAN), List.of("org-dept"), LocalDate.now().plusDays(30)), null));
    amendments.withdraw(OWN_CASE, "已在其他批次整改", "sup-orgdept");
    jdbc.update("update case_round set status = 'CLOSED', closed_at = ? where code = ?", now(), OWN_ROUND);
  }

  /** Camunda's history cleanup, made due now and run until nothing past its removal time is left. */
  private void runCamundasHistoryCleanup() {
    for (int run = 0; run < 20 && pastRemovalTime() > 0; run++) {
      engine.getHistoryService().cleanUpHistoryAsync(true);
      engine.getHistoryService().findHistoryCleanupJobs()
          .forEach(job -> engine.getManagementService().executeJob(job.getId()));
    }
    assertThat(pastRemovalTime()).as("history past its removal time").isZero();
  }

  private int pastRemovalTime() {
    int rows = 0;
    for (String history : List.of("act_hi_procinst", "act_hi_taskinst", "act_hi_varinst", "act_hi_actinst",
        "act_hi_detail")) {
      rows += count("select count(*) from " + history + " where removal_time_ <= ?", now());
    }
    return rows;
  }

  /** The night's timer comes: the job the executor would run at 01:00. */
  private void runTheNightsCleanup() {
    Job night = engine.getManagementService().createJobQuery().processDefinitionKey(RetentionCleanupProcess.KEY)
        .singleResult();
    engine.getManagementService().executeJob(night.getId());
  }

  private Map<String, Integer> timeToLive() {
    Map<String, Integer> days = new LinkedHashMap<>();
    for (ProcessDefinition definition : engine.getRepositoryService().createProcessDefinitionQuery()
        .orderByProcessDefinitionKey().asc().list()) {
      days.put(definition.getKey(), definition.getHistoryTimeToLive());
    }
    return days;
  }

  private String instanceOf(String problemId) {
    return jdbc.queryForObject("select process_instance_id from case_problem where problem_id = ?", String.class,
        problemId);
  }

  private int rowsOf(String table, String problemId) {
    return count("select count(*) from " + table + " where problem_id = ?", problemId);
  }

  private int count(String sql, Object... parameters) {
    Integer count = jdbc.queryForObject(sql, Integer.class, parameters);
    return count == null ? 0 : count;
  }

  private static void clockAt(LocalDateTime local) {
    ClockUtil.setCurrentTime(Date.from(local.atZone(ZoneId.systemDefault()).toInstant()));
  }

  private static Timestamp now() {
    return new Timestamp(ClockUtil.getCurrentTime().getTime());
  }
}
