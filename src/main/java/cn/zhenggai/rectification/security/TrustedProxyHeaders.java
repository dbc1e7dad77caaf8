package cn.zhenggai.rectification.security;

import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.catalina.valves.RemoteIpValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Behind TLS: a request from one of our own reverse proxies ({@code rectification.sign-in.trusted-proxies}) is taken
 * as the proxy says it came in: from the client in {@code X-Forwarded-For}, over https ({@code X-Forwarded-Proto}), to
 * the host and port people opened ({@code X-Forwarded-Host}, {@code X-Forwarded-Port}). So the session cookie is
 * {@code Secure}, HSTS is sent and redirects stay on the https address. From any other client these headers change
 * nothing. Tomcat's {@link RemoteIpValve} with exactly the listed addresses as its proxies.
 *
 * <p>{@code server.forward-headers-strategy} stays {@code none}: Spring's filter ({@code framework}) believes the
 * headers from any client, and the valve as Spring Boot sets it up ({@code native}) from every private address.
 */
@Component
class TrustedProxyHeaders implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

  private final Set<String> proxies;

  TrustedProxyHeaders(SignInProperties settings) {
    this.proxies = ClientAddress.trustedProxies(settings);
  }

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    if (proxies.isEmpty()) {
      return;
    }
    RemoteIpValve valve = new RemoteIpValve();
    // a regular expression matched against the whole address, and against each entry of X-Forwarded-For: these
    // addresses and nothing else (without a trusted-proxies pattern, no proxy beyond them is believed either)
    valve.setInternalProxies(proxies.stream().sorted().map(Pattern::quote).collect(Collectors.joining("|")));
    valve.setRemoteIpHeader(ClientAddress.FORWARDED_FOR);
    valve.setProtocolHeader("X-Forwarded-Proto");
    valve.setProtocolHeaderHttpsValue("https");
    valve.setHostHeader("X-Forwarded-Host");
    valve.setPortHeader("X-Forwarded-Port");
    factory.addEngineValves(valve);
  }
}
