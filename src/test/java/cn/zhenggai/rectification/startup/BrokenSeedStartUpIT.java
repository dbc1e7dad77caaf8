package cn.zhenggai.rectification.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhenggai.rectification.RectificationApplication;
import cn.zhenggai.rectification.TestPostgres;
import cn.zhenggai.rectification.organization.SeedFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Starting the application with a broken seed file: one clear message, and an empty case register and identity. */
@ExtendWith(OutputCaptureExtension.class)
class BrokenSeedStartUpIT {

  @TempDir Path dir;

  @Test
  void startUpStopsWithOneMessageNamingFileProblemAndFieldAndStartsNothing(CapturedOutput output) throws IOException {
    String url = TestPostgres.newDatabase("rectification_broken");
    Path problems = Files.writeString(dir.resolve("problems.yaml"),
        Files.readString(Path.of("seeds/problems.yaml")).replace("    title: 新兴领域党建工作质量有待提升\n", ""));

    assertThatThrownBy(() -> new SpringApplicationBuilder(RectificationApplication.class)
            .run(
                "--spring.profiles.active=postgres,demo",
                "--server.port=0",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + TestPostgres.user(),
                "--spring.datasource.password=",
                "--rectification.seeds.problems=" + problems))
        .isInstanceOf(SeedFileException.class);

    assertThat(output.getOut())
        .contains("APPLICATION FAILED TO START")
        .contains("种子文件有误，未启动任何整改案件")
        .contains(problems + "：问题 2.2 缺少字段 title（问题标题）");
    JdbcTemplate database = new JdbcTemplate(new DriverManagerDataSource(url, TestPostgres.user(), ""));
    assertThat(database.queryForObject("select count(*) from act_ru_execution", Long.class)).isZero();
    assertThat(database.queryForObject("select count(*) from act_id_group", Long.class)).isZero();
    assertThat(database.queryForObject("select count(*) from case_problem", Long.class)).isZero();
  }
}
