package cn.zhenggai.rectification.startup;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.PgTools;
import cn.zhenggai.rectification.TestPostgres;
import cn.zhenggai.rectification.backup.ApplicationOnDatabase;
import cn.zhenggai.rectification.backup.DueNotices;
import cn.zhenggai.rectification.backup.Figures;
import cn.zhenggai.rectification.backup.KeptDump;
import cn.zhenggai.rectification.backup.MixedStates;
import cn.zhenggai.rectification.casework.RegisterAgreement;
import cn.zhenggai.rectification.vocabulary.DeadlineWatchProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.impl.util.ProductPropertiesUtil;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * This version starts on the data of every earlier one that changed the database, the diagrams or Camunda: each dump
 * kept in {@code src/test/resources/upgrade} (made by {@code operations/upgrade-dump.sh} from that version, with what
 * it held in the JSON beside it) is restored into a new database and this version started on it, as an installation
 * upgrades. Our migrations and the engine's schema are current, nothing is lost or doubled, no case stays on an older
 * diagram, the evidence files are intact, the register agrees with the engine, the work goes on, and reminders due
 * are recorded once.
 */
class UpgradeFromKeptDumpsIT {

  static final Path KEPT = Path.of("src", "test", "resources", "upgrade");

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  static List<Path> keptDumps() throws IOException {
    try (Stream<Path> files = Files.list(KEPT)) {
      List<Path> dumps = files.filter(file -> file.getFileName().toString().endsWith(".dump")).sorted().toList();
      assertThat(dumps).as("dumps kept as upgrade test data in " + KEPT).isNotEmpty();
      return dumps;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keptDumps")
  void thisVersionStartsOnTheDataOfAnEarlierOne(Path dump) {
    KeptDump kept = KeptDump.besides(dump);
    String name = dump.getFileName().toString().replaceFirst("\\.dump$", "");
    String url = TestPostgres.newDatabase("rectification_upgrade_" + name.toLowerCase().replaceAll("[^a-z0-9]", "_"));
    PgTools.restore(dump, url);
    JdbcTemplate database = new JdbcTemplate(new SingleConnectionDataSource(url, TestPostgres.user(), "", true));
    List<String> settings = new ArrayList<>(MixedStates.DEADLINES);
    settings.add("--camunda.bpm.job-execution.enabled=false");

    try (ConfigurableApplicationContext application = ApplicationOnDatabase.start(url, settings)) {
      MigrationInfoService migrations = application.getBean(Flyway.class).info();
      assertThat(migrations.pending()).as("migrations not applied").isEmpty();
      assertThat(database.queryForObject("select count(*) from flyway_schema_history where not success", Long.class))
          .as("failed migrations").isZero();
      assertThat(migrations.current().getVersion()).as("the newest migration applied").isEqualTo(
          Arrays.stream(migrations.all()).map(MigrationInfo::getVersion).filter(Objects::nonNull)
              .max(Comparator.naturalOrder()).orElse(MigrationVersion.EMPTY));
      // the engine's upgrade scripts log their version there (act_ge_property's schema.version stays "fox")
      assertThat(database.queryForObject("select version_ from act_ge_schema_log order by cast(id_ as integer) desc limit 1",
          String.class)).as("the engine's schema").isEqualTo(ProductPropertiesUtil.getProductVersion());

      Figures before = kept.figures();
      Figures now = Figures.of(database);
      assertThat(now.tables()).as("rows of our tables").containsAllEntriesOf(before.tables());
      assertThat(now.engine()).as("the engine's rows of the cases").isEqualTo(before.engine());
      assertThat(now.definitions()).isGreaterThanOrEqualTo(before.definitions());
      assertThat(now.items()).as("stage and status of each problem and unit").isEqualTo(before.items());
      assertThat(database.queryForObject("select count(*) from act_ru_execution e join act_re_procdef d on d.id_ = e.proc_def_id_"
          + " where e.parent_id_ is null and d.version_ < (select max(version_) from act_re_procdef where key_ = d.key_)",
          Long.class)).as("cases left on an older diagram").isZero();
      assertThat(database.query("select f.file_name, encode(sha256(string_agg(c.bytes, ''::bytea order by c.seq)), 'hex')"
              + " from evidence_file f join evidence_chunk c on c.file_id = f.id group by f.id, f.file_name order by f.id",
          (row, n) -> new Figures.Evidence(row.getString(1), row.getString(2))))
          .as("evidence files, their content read back").isEqualTo(before.evidence());
      assertThat(new RegisterAgreement(database).check().mismatches()).isEmpty();

      ProcessEngine engine = application.getBean(ProcessEngine.class);
      KeptDump.GoesOn next = kept.goesOn();
      next.complete(engine);
      assertThat(Figures.of(database).items()).as("the work goes on").containsEntry(next.item(), next.after() + " OPEN");

      DueNotices reminders = DueNotices.by(database, before.earliestNotice().plusMinutes(1));
      assertThat(reminders.kindOfTask()).as("reminders due by then").isNotEmpty();
      DueNotices.moveClockTo(reminders.by());
      ManagementService jobs = engine.getManagementService();
      jobs.executeJob(jobs.createJobQuery().processDefinitionKey(DeadlineWatchProcess.KEY).singleResult().getId());
      assertThat(reminders.noticedTasks(database)).as("tasks reminded").isEqualTo(reminders.kindOfTask().keySet());
      List<String> recorded = reminders.recorded(database);
      jobs.executeJob(jobs.createJobQuery().processDefinitionKey(DeadlineWatchProcess.KEY).singleResult().getId());
      assertThat(reminders.recorded(database)).as("recorded once, also when the sweep runs again").isEqualTo(recorded);
    }
  }
}
