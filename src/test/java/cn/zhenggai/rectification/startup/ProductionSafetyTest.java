package cn.zhenggai.rectification.startup;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ProductionSafetyTest {

  static final SeedProperties DEMO = seeds(true);
  static final SeedProperties NO_DEMO = seeds(false);

  @Test
  void theDefaultProfileIsTheDemoAndStarts() {
    assertThatCode(() -> check(new MockEnvironment(), DEMO)).doesNotThrowAnyException();
  }

  @Test
  void postgresRefusesTheDemoAccountsUnlessTheDemoProfileIsAskedFor() {
    MockEnvironment postgres = environment("postgres").withProperty(ProductionSafety.ADMIN_PASSWORD, "s3cret-Passw0rd");

    assertThatThrownBy(() -> check(postgres, DEMO))
        .isInstanceOf(UnsafeConfigurationException.class)
        .hasMessageContaining("postgres 配置下不创建演示账号")
        .hasMessageContaining("SPRING_PROFILES_ACTIVE=postgres,demo");
    assertThatCode(() -> check(environment("postgres", "demo"), DEMO)).doesNotThrowAnyException();
  }

  @Test
  void postgresRefusesToStartWithoutAnAdminPassword() {
    assertThatThrownBy(() -> check(environment("postgres"), NO_DEMO))
        .hasMessageContaining("没有设置管理员密码")
        .hasMessageContaining("CAMUNDA_BPM_ADMINUSER_PASSWORD");
    assertThatThrownBy(() -> check(environment("postgres").withProperty(ProductionSafety.ADMIN_PASSWORD, "demo"), NO_DEMO))
        .hasMessageContaining("不能为 demo");
    assertThatCode(() -> check(environment("postgres").withProperty(ProductionSafety.ADMIN_PASSWORD, "s3cret"), NO_DEMO))
        .doesNotThrowAnyException();
  }

  private static MockEnvironment environment(String... profiles) {
    MockEnvironment environment = new MockEnvironment();
    environment.setActiveProfiles(profiles);
    return environment;
  }

  private static void check(MockEnvironment environment, SeedProperties seeds) {
    new ProductionSafety(environment, seeds).afterPropertiesSet();
  }

  private static SeedProperties seeds(boolean demoUsers) {
    return new SeedProperties(Path.of("seeds/organization.yaml"), Path.of("seeds/problems.yaml"), demoUsers, true);
  }
}
