package cn.zhenggai.rectification.backup;

import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.EXTENSION_APPROVED;
import static cn.zhenggai.rectification.vocabulary.UnitRectificationProcess.PLAN_APPROVED;

import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.FreePort;
import cn.zhenggai.rectification.backup.KeptDump.GoesOn;
import cn.zhenggai.rectification.casework.CaseDriver;
import cn.zhenggai.rectification.evidence.EvidenceUploads;
import cn.zhenggai.rectification.evidence.SampleFiles;
import cn.zhenggai.rectification.extension.ExtensionRequests;
import cn.zhenggai.rectification.security.Viewer;
import cn.zhenggai.rectification.vocabulary.StageDeadlines;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.ApplicationContext;

/**
 * The demo round's cases worked to a mix of states an installation has at any moment, as its users get there (with
 * the job executor off, so that nothing moves on by itself):
 * <ul>
 *   <li>1.1 untouched: its five units drafting plans, each reminder (催办) due 10 minutes after the start;</li>
 *   <li>2.1 城关's plan waiting for review, 东城's returned with a reason, 西城's approved and its rectification under way
 *       with two evidence files (PDF, PNG) and a request for more time waiting for the supervisors;</li>
 *   <li>2.2 every unit accepted and the closure confirmed: its look-back (回头看) waits on a timer, due an hour later;</li>
 *   <li>2.3 城关 given more time for its plan;</li>
 *   <li>3.1 城关's plan task claimed by its secretary.</li>
 * </ul>
 * No notice is sent meanwhile: the senders look once an hour, and the mail server they would reach does not answer.
 */
public final class MixedStates {

  /** Deadlines in minutes: every step is due 30 minutes after it starts, reminded 20 minutes before. */
  public static final List<String> DEADLINES = List.of(
      "--rectification.deadlines.draft-plan=PT30M",
      "--rectification.deadlines.redraft-plan=PT30M",
      "--rectification.deadlines.review-plan=PT30M",
      "--rectification.deadlines.redo-rectification=PT30M",
      "--rectification.deadlines.accept-rectification=PT30M",
      "--rectification.deadlines.confirm-closure=PT30M",
      "--rectification.reminders.before-due=PT20M",
      "--rectification.look-back.after=PT1H");

  static final String SUPERVISOR = "sup-orgdept";
  static final String CHENGGUAN = "street-chengguan";
  static final String DONGCHENG = "street-dongcheng";
  static final String XICHENG = "street-xicheng";

  private final ProcessEngine engine;
  private final CaseDriver driver;
  private final EvidenceUploads evidence;
  private final ExtensionRequests extensions;
  private final StageDeadlines deadlines;

  public MixedStates(ApplicationContext application) {
    this.engine = application.getBean(ProcessEngine.class);
    this.evidence = application.getBean(EvidenceUploads.class);
    this.driver = new CaseDriver(engine, evidence);
    this.extensions = application.getBean(ExtensionRequests.class);
    this.deadlines = application.getBean(StageDeadlines.class);
  }

  /** Settings of the application that works the cases: {@link #DEADLINES}, no notice sent. */
  public static List<String> settings() {
    List<String> settings = new ArrayList<>(DEADLINES);
    settings.addAll(List.of(
        "--camunda.bpm.job-execution.enabled=false",
        "--rectification.mail.poll-interval=PT1H",
        "--rectification.channels.poll-interval=PT1H",
        "--spring.mail.host=localhost",
        "--spring.mail.port=" + FreePort.next()));
    return settings;
  }

  /** Works the cases; returns the step that {@code goesOn} after a restore or an upgrade (城关's plan review of 2.1). */
  public GoesOn drive() {
    driver.submitPlan("2.1", CHENGGUAN, secretary(CHENGGUAN));
    driver.submitPlan("2.1", DONGCHENG, secretary(DONGCHENG));
    driver.reviewPlan("2.1", DONGCHENG, SUPERVISOR, false, "整改措施不够具体，请补充时间节点和责任人");
    driver.submitPlan("2.1", XICHENG, secretary(XICHENG));
    driver.reviewPlan("2.1", XICHENG, SUPERVISOR, true, null);
    Task rectify = driver.unitTask("2.1", XICHENG);
    upload(rectify, XICHENG, "整改工作台账.pdf", SampleFiles.pdf("西城街道 整改工作台账"));
    upload(rectify, XICHENG, "党群服务中心现场.png", SampleFiles.png());
    askForMoreTime(rectify, XICHENG, 10, "需待街道党工委会议研究后实施");

    for (String unit : List.of(CHENGGUAN, DONGCHENG, XICHENG)) {
      driver.submitPlan("2.2", unit, secretary(unit));
      driver.reviewPlan("2.2", unit, SUPERVISOR, true, null);
      driver.submitReport("2.2", unit, secretary(unit));
      driver.acceptRectification("2.2", unit, SUPERVISOR, true, null);
    }
    continueAfterUnits();
    driver.confirmClosure("2.2", SUPERVISOR);

    askForMoreTime(driver.unitTask("2.3", CHENGGUAN), CHENGGUAN, 5, "需先征求党员群众意见");
    driver.completeAs(SUPERVISOR, driver.extensionReview("2.3", CHENGGUAN), Map.of(EXTENSION_APPROVED, true));

    claim(driver.unitTask("3.1", CHENGGUAN), secretary(CHENGGUAN));
    return new GoesOn(DemoRound.key("2.1"), CHENGGUAN, SUPERVISOR, "REVIEW_PLAN", Map.of(PLAN_APPROVED, true), "RECTIFY");
  }

  /** {@code street-xicheng} → {@code sec-xicheng}. */
  static String secretary(String unit) {
    return "sec-" + unit.substring("street-".length());
  }

  private void upload(Task task, String unit, String name, byte[] content) {
    try {
      evidence.upload(task.getId(), unitViewer(unit), name, content.length, new ByteArrayInputStream(content));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void askForMoreTime(Task task, String unit, int days, String reason) {
    extensions.request(task.getId(), deadlines.dayOf(task.getDueDate()).plusDays(days), reason, unitViewer(unit));
  }

  private static Viewer unitViewer(String unit) {
    return new Viewer(secretary(unit), Set.of(unit), false);
  }

  /** Claimed as Tasklist claims it: by the signed-in user, for themselves. */
  private void claim(Task task, String user) {
    List<String> groups = engine.getIdentityService().createGroupQuery().groupMember(user).list().stream()
        .map(Group::getId).toList();
    engine.getIdentityService().setAuthentication(user, groups);
    try {
      engine.getTaskService().claim(task.getId(), user);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  /** The engine's continuations after each unit (asynchronous in the diagram), which the job executor would run. */
  private void continueAfterUnits() {
    ManagementService jobs = engine.getManagementService();
    for (List<Job> due = jobs.createJobQuery().messages().list(); !due.isEmpty(); due = jobs.createJobQuery().messages().list()) {
      due.forEach(job -> jobs.executeJob(job.getId()));
    }
  }
}
