package cn.zhenggai.rectification.backup;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.PgTools;
import cn.zhenggai.rectification.TestPostgres;
import cn.zhenggai.rectification.backup.KeptDump.GoesOn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Makes the upgrade test data of this version: the demo round worked to {@link MixedStates} on a fresh database, the
 * application stopped, the database dumped as {@code <date>-V<latest migration>.dump} with its {@link KeptDump} JSON
 * into {@code -Dupgrade.dump.dir} (default {@code src/test/resources/upgrade}), where {@code UpgradeFromKeptDumpsIT}
 * finds it. Not part of the build's tests: {@code operations/upgrade-dump.sh} runs it ({@code -Pupgrade-dump}).
 */
class UpgradeDumpMaker {

  @Test
  void dumpsTheMixedStatesOfThisVersion() throws Exception {
    String url = TestPostgres.newDatabase("rectification_upgrade_dump");
    GoesOn goesOn;
    try (ConfigurableApplicationContext application = ApplicationOnDatabase.start(url, MixedStates.settings())) {
      goesOn = new MixedStates(application).drive();
    }
    JdbcTemplate database = new JdbcTemplate(new SingleConnectionDataSource(url, TestPostgres.user(), "", true));
    String migration = database.queryForObject("select version from flyway_schema_history where version is not null"
        + " and success order by installed_rank desc limit 1", String.class);
    Path directory = Files.createDirectories(Path.of(System.getProperty("upgrade.dump.dir", "src/test/resources/upgrade")));
    Path dump = directory.resolve(LocalDate.now() + "-V" + migration + ".dump");

    PgTools.dump(url, dump);
    new KeptDump(Figures.of(database), goesOn).writeBesides(dump);

    assertThat(dump).isNotEmptyFile();
    System.out.println("升级测试数据：" + dump.toAbsolutePath() + "（" + Files.size(dump) / 1024 + " KB）");
  }
}
