package cn.zhenggai.rectification.startup;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * The {@code postgres} profile is production: no demo accounts (password "demo") unless the {@code demo} profile is
 * asked for as well, and an administrator with a password of its own.
 */
@Component
class ProductionSafety implements InitializingBean {

  static final String ADMIN_PASSWORD = "camunda.bpm.admin-user.password";

  private final Environment environment;
  private final SeedProperties seeds;

  ProductionSafety(Environment environment, SeedProperties seeds) {
    this.environment = environment;
    this.seeds = seeds;
  }

  @Override
  public void afterPropertiesSet() {
    if (!environment.acceptsProfiles(Profiles.of("postgres & !demo"))) {
      return;
    }
    if (seeds.demoUsers()) {
      throw new UnsafeConfigurationException("postgres 配置下不创建演示账号（密码均为 demo）。请去掉 "
          + "rectification.seeds.demo-users=true；只作演示时请同时启用 demo 配置：SPRING_PROFILES_ACTIVE=postgres,demo");
    }
    String password = environment.getProperty(ADMIN_PASSWORD);
    if (password == null || password.isBlank() || password.equals("demo")) {
      throw new UnsafeConfigurationException("没有设置管理员密码。请设置 CAMUNDA_BPM_ADMINUSER_ID 和 "
          + "CAMUNDA_BPM_ADMINUSER_PASSWORD（不能为 demo），启动时将创建该管理员");
    }
  }
}
