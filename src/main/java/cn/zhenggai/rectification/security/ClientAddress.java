package cn.zhenggai.rectification.security;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.security.authentication.AuthenticationDetailsSource;
import org.springframework.stereotype.Component;

/**
 * The address a sign-in comes from. The connection's own address, unless that is one of our trusted proxies
 * ({@code rectification.sign-in.trusted-proxies}): then the nearest address in {@code X-Forwarded-For} that is not a
 * trusted proxy, walking from the right (each proxy appends the address it was called from, so everything left of
 * the first untrusted address was written by the client and is not believed). From any other client the header is
 * ignored, so it cannot be used to slip past a lock. Addresses are compared in one form ({@code ::1} and
 * {@code 0:0:0:0:0:0:0:1} are the same).
 *
 * <p>With trusted proxies, Tomcat's valve ({@link TrustedProxyHeaders}) has walked the header already: the remote
 * address is then the client, and the header holds only what lay left of it. Tomcat compares the header's text, so
 * walking again in the one form also passes a proxy written with a port or in another form. What the valve took for
 * the client without it being an address (a proxy may forward "unknown") counts as one address, {@value #UNKNOWN}:
 * such text, of whatever length, never becomes an address of its own.
 *
 * <p>The details source of every sign-in (form and HTTP Basic): the address travels with the sign-in to
 * {@link SignIn}. (Spring's request context is not there yet when Spring Security signs in: the Jersey starter
 * registers its request-context filter after the security filters.)
 */
@Component
class ClientAddress implements AuthenticationDetailsSource<HttpServletRequest, ClientAddress.Origin> {

  /** Where a sign-in comes from. */
  record Origin(String address) implements Serializable {}

  static final String FORWARDED_FOR = "X-Forwarded-For";
  /** The address of a client whose proxy forwarded something that is not an address. */
  static final String UNKNOWN = "unknown";

  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?::\\d{1,5})?");
  private static final Pattern IPV6 = Pattern.compile("\\[?([0-9A-Fa-f:][0-9A-Fa-f:.]*)(?:](?::\\d{1,5})?)?");

  private final Set<String> trustedProxies;

  ClientAddress(SignInProperties settings) {
    this.trustedProxies = trustedProxies(settings);
  }

  /** The trusted proxies in their one form; one that is not an IP address stops the start, naming the key. */
  static Set<String> trustedProxies(SignInProperties settings) {
    return settings.trustedProxies().stream()
        .map(proxy -> literal(proxy).orElseThrow(() -> new IllegalArgumentException(
            "rectification.sign-in.trusted-proxies：“" + proxy + "” 不是 IP 地址")))
        .collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public Origin buildDetails(HttpServletRequest request) {
    return new Origin(of(request));
  }

  String of(HttpServletRequest wrapped) {
    HttpServletRequest request = asReceived(wrapped);
    String address = literal(request.getRemoteAddr()).orElse(UNKNOWN);
    if (!trustedProxies.contains(address)) {
      return address;
    }
    List<String> hops = forwardedFor(request);
    for (int i = hops.size() - 1; i >= 0; i--) {
      Optional<String> hop = literal(hops.get(i));
      if (hop.isEmpty()) {
        return address; // not an address: the proxy that passed it on is the nearest we know
      }
      address = hop.get();
      if (!trustedProxies.contains(address)) {
        return address;
      }
    }
    return address;
  }

  /**
   * The request as the server received it (after Tomcat's valve), under the wrappers of filters. Spring's
   * {@code ForwardedHeaderFilter} ({@code server.forward-headers-strategy=framework}, which production refuses:
   * {@code startup.ProductionSafety}) answers the first entry of {@code X-Forwarded-For}, which any client can write,
   * as the remote address, and hides the header.
   */
  private static HttpServletRequest asReceived(HttpServletRequest request) {
    ServletRequest inner = request;
    while (inner instanceof ServletRequestWrapper wrapper) {
      inner = wrapper.getRequest();
    }
    return inner instanceof HttpServletRequest received ? received : request;
  }

  private static List<String> forwardedFor(HttpServletRequest request) {
    List<String> hops = new ArrayList<>();
    for (String header : Collections.list(request.getHeaders(FORWARDED_FOR))) {
      for (String hop : header.split(",")) {
        if (!hop.isBlank()) {
          hops.add(hop.strip());
        }
      }
    }
    return hops;
  }

  /**
   * An IPv4 or IPv6 address in its one written form (a port or brackets removed), or empty when the text is not an
   * address. Never asks a name server: only text that is an address literal reaches {@link InetAddress}.
   */
  static Optional<String> literal(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String candidate = text.strip();
    Matcher v4 = IPV4.matcher(candidate);
    if (v4.matches()) {
      for (int group = 1; group <= 4; group++) {
        if (Integer.parseInt(v4.group(group)) > 255) {
          return Optional.empty();
        }
      }
      candidate = v4.group(1) + "." + v4.group(2) + "." + v4.group(3) + "." + v4.group(4);
    } else {
      Matcher v6 = IPV6.matcher(candidate);
      // with a colon in it, InetAddress takes the text for an IPv6 literal or refuses it: no name server is asked
      if (!v6.matches() || !v6.group(1).contains(":") || candidate.startsWith("[") != candidate.contains("]")) {
        return Optional.empty();
      }
      candidate = v6.group(1);
    }
    try {
      return Optional.of(InetAddress.getByName(candidate).getHostAddress());
    } catch (UnknownHostException | IllegalArgumentException notAnAddress) {
      return Optional.empty();
    }
  }
}
