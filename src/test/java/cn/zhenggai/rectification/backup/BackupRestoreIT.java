package cn.zhenggai.rectification.backup;

import static cn.zhenggai.rectification.backup.MixedStates.CHENGGUAN;
import static cn.zhenggai.rectification.backup.MixedStates.SUPERVISOR;
import static cn.zhenggai.rectification.backup.MixedStates.XICHENG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.PgTools;
import cn.zhenggai.rectification.TestMailServer;
import cn.zhenggai.rectification.TestPostgres;
import cn.zhenggai.rectification.backup.KeptDump.GoesOn;
import cn.zhenggai.rectification.casework.CaseDriver;
import cn.zhenggai.rectification.casework.RegisterAgreement;
import cn.zhenggai.rectification.evidence.EvidenceSession;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The README's backup and restore on PostgreSQL: a custom-format dump taken while the application runs, restored into
 * a new database, and the application started on it. The restored database holds what the running one held at the
 * dump (not a task completed after it); on it the register agrees with the engine, every notice waiting at the dump
 * goes out once, reminders and the look-back timer come when due, the evidence files are byte for byte the uploaded
 * ones, and the work goes on.
 */
@ExtendWith(OutputCaptureExtension.class)
class BackupRestoreIT {

  static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(5);

  @RegisterExtension static final TestMailServer smtp = new TestMailServer();

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aBackupTakenWhileRunningRestoresIntoANewDatabaseWhereEverythingGoesOnOnce(CapturedOutput output) throws Exception {
    String running = TestPostgres.newDatabase("rectification_backup_source");
    Path dump = Files.createDirectories(Path.of("target", "backup")).resolve("while-running.dump");
    Figures atDump;
    GoesOn next;
    try (ConfigurableApplicationContext application = ApplicationOnDatabase.start(running, MixedStates.settings())) {
      next = new MixedStates(application).drive();
      atDump = Figures.of(database(running));
      PgTools.dump(running, dump);
      next.complete(application.getBean(ProcessEngine.class));
    }
    assertThat(Figures.of(database(running)).items()).as("completed after the dump")
        .containsEntry(next.item(), next.after() + " OPEN");

    String restored = TestPostgres.newDatabase("rectification_backup_restored");
    PgTools.restore(dump, restored);
    JdbcTemplate database = database(restored);
    assertThat(Figures.of(database)).as("the restored database, as the running one was at the dump").isEqualTo(atDump);
    assertThat(atDump.items()).containsEntry(next.item(), next.before() + " OPEN");

    int logBefore = output.getAll().length();
    try (ConfigurableApplicationContext application = ApplicationOnDatabase.start(restored, restoredSettings())) {
      assertThat(output.getAll().substring(logBefore)).as("nothing opened again").contains("本次新立案 0 个");
      assertThat(new RegisterAgreement(database).check().mismatches()).isEmpty();

      List<String> waiting = atDump.pendingNotices();
      assertThat(waiting).as("notices waiting at the dump").isNotEmpty();
      await().atMost(Duration.ofSeconds(90)).until(() -> receivedNotices().size() >= waiting.size());
      await().during(CLAIM_TIMEOUT.plusSeconds(3)).atMost(CLAIM_TIMEOUT.plusSeconds(20))
          .until(() -> receivedNotices().size() == waiting.size());
      assertThat(receivedNotices()).as("each waiting notice once").containsExactlyInAnyOrderElementsOf(waiting);

      DueNotices reminders = DueNotices.by(database, atDump.earliestNotice().plusMinutes(1));
      assertThat(reminders.kindOfTask()).as("reminders due by then").isNotEmpty().containsValue("BEFORE_DUE");
      DueNotices.moveClockTo(reminders.by());
      await().atMost(Duration.ofSeconds(60)).until(() -> reminders.noticedTasks(database).equals(reminders.kindOfTask().keySet())
          && receivedNotices().containsAll(reminders.recorded(database)));
      List<String> recorded = reminders.recorded(database);
      await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(20))
          .until(() -> reminders.recorded(database).equals(recorded));
      assertThat(receivedNotices()).as("each reminder received once").filteredOn(recorded::contains)
          .containsExactlyInAnyOrderElementsOf(recorded);

      ProcessEngine engine = application.getBean(ProcessEngine.class);
      CaseDriver driver = new CaseDriver(engine);
      DueNotices.moveClockTo(atDump.lookBacksDue().get(DemoRound.key("2.2")).plusMinutes(1));
      await().atMost(Duration.ofSeconds(60)).until(() -> driver.lookBackTasks("2.2").size() == 3);

      EvidenceSession supervisor = EvidenceSession.signIn(ApplicationOnDatabase.port(application), SUPERVISOR);
      List<Figures.Evidence> downloaded = new ArrayList<>();
      database.query("select id, file_name from evidence_file order by id", row -> {
        HttpResponse<byte[]> file = supervisor.get("/evidence/files/" + row.getLong(1));
        assertThat(file.statusCode()).as(row.getString(2)).isEqualTo(200);
        downloaded.add(new Figures.Evidence(row.getString(2), sha256(file.body())));
      });
      assertThat(downloaded).as("the files as they were uploaded").isEqualTo(atDump.evidence()).hasSize(5);

      assertThat(driver.extensionReview("2.1", XICHENG)).as("西城's request still waits").isNotNull();
      assertThat(database.queryForObject("select status from extension_request where problem_id = ? and unit_id = ?",
          String.class, DemoRound.key("2.1"), XICHENG)).isEqualTo("PENDING");
      Task claimed = driver.unitTask("3.1", CHENGGUAN);
      assertThat(claimed.getAssignee()).isEqualTo(MixedStates.secretary(CHENGGUAN));

      next.complete(engine);
      assertThat(Figures.of(database).items()).containsEntry(next.item(), next.after() + " OPEN");
      assertThat(new RegisterAgreement(database).check().mismatches()).isEmpty();
    }
  }

  /** The restored installation as it runs: the job executor on, reminders and mail looked for every second. */
  private static List<String> restoredSettings() {
    List<String> settings = new ArrayList<>(MixedStates.DEADLINES);
    settings.addAll(List.of(
        "--camunda.bpm.job-execution.max-wait=1000",
        "--rectification.reminders.sweep-every=PT1S",
        "--rectification.mail.poll-interval=PT1S",
        "--rectification.mail.claim-timeout=PT" + CLAIM_TIMEOUT.toSeconds() + "S",
        "--spring.mail.host=localhost",
        "--spring.mail.port=" + smtp.getSmtp().getPort()));
    return settings;
  }

  /** The dedup key of every mail received, once per mail. */
  private static List<String> receivedNotices() throws MessagingException {
    List<String> keys = new ArrayList<>();
    for (MimeMessage mail : smtp.getReceivedMessages()) {
      keys.add(mail.getHeader("X-Rectification-Notice")[0]);
    }
    return keys;
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JdbcTemplate database(String url) {
    return new JdbcTemplate(new SingleConnectionDataSource(url, TestPostgres.user(), "", true));
  }
}
