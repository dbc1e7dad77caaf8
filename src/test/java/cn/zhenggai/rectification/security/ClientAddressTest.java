package cn.zhenggai.rectification.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.filter.ForwardedHeaderFilter;

class ClientAddressTest {

  final ClientAddress behindTwoProxies = resolver("127.0.0.1", "10.0.0.5");

  @Test
  void withoutTrustedProxiesTheHeaderIsIgnored() {
    assertThat(resolver().of(request("198.51.100.20", "203.0.113.7"))).isEqualTo("198.51.100.20");
  }

  @Test
  void fromAnUntrustedClientTheHeaderIsIgnored() {
    assertThat(behindTwoProxies.of(request("198.51.100.20", "203.0.113.7"))).isEqualTo("198.51.100.20");
  }

  @Test
  void fromATrustedProxyTheAddressItWasCalledFrom() {
    assertThat(behindTwoProxies.of(request("127.0.0.1", "203.0.113.7"))).isEqualTo("203.0.113.7");
  }

  @Test
  void theNearestUntrustedAddressFromTheRightAndNothingTheClientWroteLeftOfIt() {
    assertThat(behindTwoProxies.of(request("127.0.0.1", "198.51.100.99, 203.0.113.7, 10.0.0.5")))
        .isEqualTo("203.0.113.7");
  }

  @Test
  void severalHeadersAreOneList() {
    MockHttpServletRequest request = request("127.0.0.1", "198.51.100.99");
    request.addHeader(ClientAddress.FORWARDED_FOR, "203.0.113.7, 10.0.0.5");

    assertThat(behindTwoProxies.of(request)).isEqualTo("203.0.113.7");
  }

  @Test
  void aTrustedProxyWithoutTheHeaderIsItselfTheClient() {
    assertThat(behindTwoProxies.of(request("127.0.0.1", null))).isEqualTo("127.0.0.1");
    assertThat(behindTwoProxies.of(request("127.0.0.1", " , "))).isEqualTo("127.0.0.1");
  }

  @Test
  void whenEveryHopIsTrustedTheFarthestOne() {
    assertThat(behindTwoProxies.of(request("127.0.0.1", "10.0.0.5"))).isEqualTo("10.0.0.5");
  }

  @Test
  void somethingThatIsNotAnAddressStopsTheWalkAtTheProxyThatPassedItOn() {
    assertThat(behindTwoProxies.of(request("127.0.0.1", "203.0.113.7, 10.0.0.5, unknown"))).isEqualTo("127.0.0.1");
    assertThat(behindTwoProxies.of(request("127.0.0.1", "203.0.113.7, evil.example.org, 10.0.0.5")))
        .isEqualTo("10.0.0.5");
  }

  @Test
  void afterTomcatsValveWhatItLeftOfTheHeaderIsWalkedInTheOneForm() {
    // Tomcat compares the header's text: a trusted proxy written with a port is taken for the client there
    assertThat(behindTwoProxies.of(request("10.0.0.5:4711", "198.51.100.99, 203.0.113.7"))).isEqualTo("203.0.113.7");
  }

  @Test
  void aForwardedEntryThatIsNoAddressIsCountedAsUnknown() {
    // what Tomcat's valve leaves as the remote address when a trusted proxy forwarded "unknown" as the client
    assertThat(behindTwoProxies.of(request("unknown", null))).isEqualTo(ClientAddress.UNKNOWN);
    assertThat(behindTwoProxies.of(request("x".repeat(500), "203.0.113.7"))).isEqualTo(ClientAddress.UNKNOWN);
  }

  @Test
  void springsForwardedHeaderFilterDoesNotLetAClientChooseItsAddress() throws Exception {
    // server.forward-headers-strategy=framework (refused in production, possible in development) makes
    // getRemoteAddr() the header's first entry, from any client: the address of the connection itself must count
    MockHttpServletRequest request = request("198.51.100.20", "203.0.113.7");
    MockFilterChain chain = new MockFilterChain();
    new ForwardedHeaderFilter().doFilter(request, new MockHttpServletResponse(), chain);
    HttpServletRequest wrapped = (HttpServletRequest) chain.getRequest();

    assertThat(wrapped.getRemoteAddr()).as("what the filter says").isEqualTo("203.0.113.7");
    assertThat(behindTwoProxies.of(wrapped)).isEqualTo("198.51.100.20");
  }

  @Test
  void behindATrustedProxyTheForwardedHeaderFilterChangesNothing() throws Exception {
    MockHttpServletRequest request = request("127.0.0.1", "198.51.100.99, 203.0.113.7");
    MockFilterChain chain = new MockFilterChain();
    new ForwardedHeaderFilter().doFilter(request, new MockHttpServletResponse(), chain);

    assertThat(behindTwoProxies.of((HttpServletRequest) chain.getRequest())).isEqualTo("203.0.113.7");
  }

  @Test
  void portsAndBracketsAreDroppedAndIpv6HasOneForm() {
    ClientAddress resolver = resolver("::1");

    assertThat(resolver.of(request("0:0:0:0:0:0:0:1", "[2001:db8::1]:4711"))).isEqualTo("2001:db8:0:0:0:0:0:1");
    assertThat(resolver.of(request("0:0:0:0:0:0:0:1", "203.0.113.7:51234"))).isEqualTo("203.0.113.7");
    assertThat(resolver.of(request("0:0:0:0:0:0:0:1", "::ffff:203.0.113.7"))).isEqualTo("203.0.113.7");
  }

  @Test
  void onlyAddressLiteralsAreAddresses() {
    assertThat(ClientAddress.literal("203.0.113.7")).hasValue("203.0.113.7");
    assertThat(ClientAddress.literal(" 2001:DB8::1 ")).hasValue("2001:db8:0:0:0:0:0:1");
    for (String notAnAddress : List.of("", "localhost", "example.org", "256.1.1.1", "1.2.3", "[::1", "::1]", ".:", "1:2:3:4:5:6:7:8:9",
        "fe80::1%eth0", "<script>")) {
      assertThat(ClientAddress.literal(notAnAddress)).as(notAnAddress).isEmpty();
    }
  }

  @Test
  void aTrustedProxyThatIsNotAnAddressStopsTheStartNamingTheKey() {
    assertThatThrownBy(() -> resolver("10.0.0.5", "proxy.internal"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rectification.sign-in.trusted-proxies：“proxy.internal” 不是 IP 地址");
  }

  private static ClientAddress resolver(String... trustedProxies) {
    return new ClientAddress(SignInPolicyTest.defaults(trustedProxies));
  }

  private static MockHttpServletRequest request(String remoteAddress, String forwardedFor) {
    MockHttpServletRequest request = new MockHttpServletRequest();
    request.setRemoteAddr(remoteAddress);
    if (forwardedFor != null) {
      request.addHeader(ClientAddress.FORWARDED_FOR, forwardedFor);
    }
    return request;
  }
}
