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

  @Test
  void postgresRefusesForwardedHeadersFromAnyoneButTheTrustedProxies() {
    for (String strategy : new String[] {"framework", "native", "", " "}) {
      assertThatThrownBy(() -> check(production().withProperty(ProductionSafety.FORWARD_HEADERS, strategy), NO_DEMO))
          .as(strategy)
          .isInstanceOf(UnsafeConfigurationException.class)
          .hasMessageStartingWith("server.forward-headers-strategy 只能是 none")
          .hasMessageContaining("rectification.sign-in.trusted-proxies");
    }
    assertThatThrownBy(() -> check(production().withProperty(ProductionSafety.FORWARD_HEADERS, "FRAMEWORK"), NO_DEMO))
        .hasMessageContaining("现在是 FRAMEWORK");
    MockEnvironment unset = new MockEnvironment().withProperty(ProductionSafety.ADMIN_PASSWORD, "s3cret")
        .withProperty(ProductionSafety.BASE_URL, "http://localhost:8080");
    unset.setActiveProfiles("postgres");
    assertThatThrownBy(() -> check(unset, NO_DEMO)).as("unset: Spring Boot would guess").hasMessageContaining("现在没有设置");
    assertThatCode(() -> check(production().withProperty(ProductionSafety.FORWARD_HEADERS, "NONE"), NO_DEMO))
        .doesNotThrowAnyException();
    assertThatCode(() -> check(environment("postgres", "demo").withProperty(ProductionSafety.FORWARD_HEADERS, "framework"),
        DEMO)).as("a demo").doesNotThrowAnyException();
  }

  @Test
  void postgresRefusesLinksInNoticesThatAreNotHttpsUnlessToThisMachine() {
    for (String url : new String[] {"http://zhenggai.example.gov.cn", "http://10.0.0.5:8080", "zhenggai.example.gov.cn",
        "https://", "ftp://zhenggai.example.gov.cn", "http://localhost.example.org", "", "https://有 空格"}) {
      assertThatThrownBy(() -> check(production().withProperty(ProductionSafety.BASE_URL, url), NO_DEMO))
          .as(url)
          .isInstanceOf(UnsafeConfigurationException.class)
          .hasMessageStartingWith("rectification.base-url 必须是以 https:// 开头的地址（现在是“" + url + "”）");
    }
    for (String url : new String[] {"https://zhenggai.example.gov.cn", "HTTPS://zhenggai.example.gov.cn:8443/",
        "http://localhost:8080", "http://127.0.0.1:8080", "http://[::1]:8080"}) {
      assertThatCode(() -> check(production().withProperty(ProductionSafety.BASE_URL, url), NO_DEMO)).as(url)
          .doesNotThrowAnyException();
    }
    assertThatCode(() -> check(environment("postgres", "demo").withProperty(ProductionSafety.BASE_URL,
        "http://zhenggai.example.gov.cn"), DEMO)).as("a demo").doesNotThrowAnyException();
  }

  /** The production profile as application.yaml sets it up, with an administrator password. */
  private static MockEnvironment production() {
    return environment("postgres").withProperty(ProductionSafety.ADMIN_PASSWORD, "s3cret");
  }

  /** An environment with application.yaml's values of the keys checked here. */
  private static MockEnvironment environment(String... profiles) {
    MockEnvironment environment = new MockEnvironment()
        .withProperty(ProductionSafety.FORWARD_HEADERS, "none")
        .withProperty(ProductionSafety.BASE_URL, "http://localhost:8080");
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
