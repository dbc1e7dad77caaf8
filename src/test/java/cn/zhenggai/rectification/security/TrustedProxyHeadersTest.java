package cn.zhenggai.rectification.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import org.apache.catalina.valves.RemoteIpValve;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;

class TrustedProxyHeadersTest {

  @Test
  void withoutTrustedProxiesNoForwardedHeaderIsBelieved() {
    TomcatServletWebServerFactory tomcat = new TomcatServletWebServerFactory();

    new TrustedProxyHeaders(SignInPolicyTest.defaults()).customize(tomcat);

    assertThat(tomcat.getEngineValves()).isEmpty();
  }

  @Test
  void exactlyTheListedProxiesAndNoOtherAddress() {
    RemoteIpValve valve = valveFor("127.0.0.1", "::1", "10.0.0.5");
    Pattern proxies = Pattern.compile(valve.getInternalProxies());

    for (String proxy : new String[] {"127.0.0.1", "0:0:0:0:0:0:0:1", "10.0.0.5"}) {
      assertThat(proxies.matcher(proxy).matches()).as(proxy).isTrue();
    }
    // Tomcat's own list would take every private address; a dot of the list is no wildcard
    for (String other : new String[] {"127.0.0.2", "127.0.0.10", "10.0.0.50", "110.0.0.5", "10a0a0a5", "192.168.1.1",
        "172.16.0.1", "127.0.0.1, 10.0.0.5"}) {
      assertThat(proxies.matcher(other).matches()).as(other).isFalse();
    }
    assertThat(valve.getTrustedProxies()).as("no proxies believed beyond the list").isNull();
  }

  @Test
  void theHeadersOfTheProxyInTheReadme() {
    RemoteIpValve valve = valveFor("127.0.0.1");

    assertThat(valve.getRemoteIpHeader()).isEqualTo("X-Forwarded-For");
    assertThat(valve.getProtocolHeader()).isEqualTo("X-Forwarded-Proto");
    assertThat(valve.getProtocolHeaderHttpsValue()).isEqualTo("https");
    assertThat(valve.getHostHeader()).isEqualTo("X-Forwarded-Host");
    assertThat(valve.getPortHeader()).isEqualTo("X-Forwarded-Port");
  }

  @Test
  void aProxyThatIsNotAnAddressStopsTheStartNamingTheKey() {
    assertThatThrownBy(() -> new TrustedProxyHeaders(SignInPolicyTest.defaults("10.0.0.*")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rectification.sign-in.trusted-proxies：“10.0.0.*” 不是 IP 地址");
  }

  private static RemoteIpValve valveFor(String... proxies) {
    TomcatServletWebServerFactory tomcat = new TomcatServletWebServerFactory();
    new TrustedProxyHeaders(SignInPolicyTest.defaults(proxies)).customize(tomcat);
    assertThat(tomcat.getEngineValves()).hasSize(1);
    return (RemoteIpValve) tomcat.getEngineValves().iterator().next();
  }
}
