package cn.zhenggai.rectification.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhenggai.rectification.RectificationApplication;
import cn.zhenggai.rectification.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The production profile without an administrator password does not start, says why, and creates no account. */
@ExtendWith(OutputCaptureExtension.class)
class UnsafeProductionStartUpIT {

  @Test
  void postgresWithoutAnAdminPasswordRefusesToStart(CapturedOutput output) {
    String url = TestPostgres.newDatabase("rectification_unsafe");

    assertThatThrownBy(() -> new SpringApplicationBuilder(RectificationApplication.class).run(
            "--spring.profiles.active=postgres",
            "--server.port=0",
            "--spring.datasource.url=" + url,
            "--spring.datasource.username=" + TestPostgres.user(),
            "--spring.datasource.password="))
        .hasRootCauseInstanceOf(UnsafeConfigurationException.class);

    assertThat(output.getOut()).contains("生产配置不安全，拒绝启动：没有设置管理员密码");
    JdbcTemplate database = new JdbcTemplate(new DriverManagerDataSource(url, TestPostgres.user(), ""));
    Long users = database.queryForObject(
        "select count(*) from information_schema.tables where table_name = 'act_id_user'", Long.class);
    assertThat(users == 0 || database.queryForObject("select count(*) from act_id_user", Long.class) == 0)
        .as("no account was created").isTrue();
  }
}
