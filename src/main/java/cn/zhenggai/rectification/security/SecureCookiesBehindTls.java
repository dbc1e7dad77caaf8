package cn.zhenggai.rectification.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * On a request that came in over https (through a trusted proxy: {@link TrustedProxyHeaders}), every cookie set on
 * the way out is {@code Secure}, so that a browser never sends it over plain http: Camunda's {@code XSRF-TOKEN} and
 * any other cookie a filter or page sets, as an object or as a header. (Tomcat marks the session cookie itself on such
 * a request.) Over plain http, in development or compose on localhost, cookies stay as they are: a {@code Secure}
 * cookie would never come back there.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class SecureCookiesBehindTls extends OncePerRequestFilter {

  private static final Pattern SECURE = Pattern.compile("(?i);\\s*Secure\\s*(;|$)");

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.isSecure();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    chain.doFilter(request, new SecureCookies(response));
  }

  /** A {@code Set-Cookie} header's value with {@code Secure}; any other header as it is. */
  static String secured(String header, String value) {
    if (value == null || !HttpHeaders.SET_COOKIE.equalsIgnoreCase(header) || SECURE.matcher(value).find()) {
      return value;
    }
    return value + "; Secure";
  }

  private static final class SecureCookies extends HttpServletResponseWrapper {

    SecureCookies(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void addCookie(Cookie cookie) {
      cookie.setSecure(true);
      super.addCookie(cookie);
    }

    @Override
    public void addHeader(String name, String value) {
      super.addHeader(name, secured(name, value));
    }

    @Override
    public void setHeader(String name, String value) {
      super.setHeader(name, secured(name, value));
    }
  }
}
