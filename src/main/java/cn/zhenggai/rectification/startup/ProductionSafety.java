package cn.zhenggai.rectification.startup;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * The {@code postgres} profile is production: no demo accounts (password "demo") unless the {@code demo} profile is
 * asked for as well, an administrator with a password of its own, forwarded headers believed from our own proxies
 * only, and links in notices that open the https address.
 */
@Component
class ProductionSafety implements InitializingBean {

  static final String ADMIN_PASSWORD = "camunda.bpm.admin-user.password";
  static final String FORWARD_HEADERS = "server.forward-headers-strategy";
  static final String BASE_URL = "rectification.base-url";

  private static final Pattern LOOPBACK = Pattern.compile("(?i)localhost|127(\\.\\d{1,3}){3}|\\[::1]");

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
    // unset, Spring Boot guesses from the platform (on Kubernetes: Tomcat's valve trusting every private address)
    String strategy = environment.getProperty(FORWARD_HEADERS, "").strip();
    if (!strategy.equalsIgnoreCase("none")) {
      throw new UnsafeConfigurationException(FORWARD_HEADERS + " 只能是 none（现在" + (strategy.isEmpty() ? "没有设置"
          : "是 " + strategy) + "）：framework 采信任何客户端发来的 X-Forwarded-* 请求头，native 采信任何内网地址发来的。"
          + "请去掉 SERVER_FORWARD_HEADERS_STRATEGY，把反向代理的 IP 写进 rectification.sign-in.trusted-proxies"
          + "（RECTIFICATION_SIGN_IN_TRUSTED_PROXIES）：只采信这些代理发来的请求头");
    }
    String baseUrl = environment.getProperty(BASE_URL, "").strip();
    if (!httpsOrThisMachine(baseUrl)) {
      throw new UnsafeConfigurationException(BASE_URL + " 必须是以 https:// 开头的地址（现在是“" + baseUrl + "”）：通知中的"
          + "链接以它开头，应是人们经反向代理打开本系统的地址，如 RECTIFICATION_BASE_URL=https://zhenggai.example.gov.cn；"
          + "只有本机（localhost、127.0.0.1）可以用 http://");
    }
  }

  private static boolean httpsOrThisMachine(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme();
      return uri.getHost() != null && (scheme.equalsIgnoreCase("https")
          || scheme.equalsIgnoreCase("http") && LOOPBACK.matcher(uri.getHost()).matches());
    } catch (URISyntaxException notAUrl) {
      return false;
    }
  }
}
