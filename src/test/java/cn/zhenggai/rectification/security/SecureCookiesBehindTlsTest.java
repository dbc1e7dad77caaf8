package cn.zhenggai.rectification.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class SecureCookiesBehindTlsTest {

  @Test
  void overHttpsEveryCookieSetIsSecureHowEverItIsSet() throws Exception {
    MockHttpServletRequest https = new MockHttpServletRequest();
    https.setSecure(true);
    MockHttpServletResponse response = new MockHttpServletResponse();

    new SecureCookiesBehindTls().doFilter(https, response, (request, wrapped) -> {
      HttpServletResponse out = (HttpServletResponse) wrapped;
      out.setHeader("Set-Cookie", "header=1;SameSite=Lax");
      out.addCookie(new Cookie("object", "2"));
      out.addHeader("Set-Cookie", "XSRF-TOKEN=3; Path=/camunda");
      out.addHeader("set-cookie", "already=4; Path=/; secure; HttpOnly");
      out.addHeader("X-Other", "Path=/; not a cookie");
    });

    for (String cookie : new String[] {"header", "object", "XSRF-TOKEN", "already"}) {
      assertThat(response.getCookie(cookie).getSecure()).as(cookie).isTrue();
    }
    assertThat(response.getHeader("X-Other")).isEqualTo("Path=/; not a cookie");
  }

  @Test
  void headersAddedOneByOneEachGetSecureOnce() {
    assertThat(SecureCookiesBehindTls.secured("Set-Cookie", "XSRF-TOKEN=2; Path=/camunda"))
        .isEqualTo("XSRF-TOKEN=2; Path=/camunda; Secure");
    assertThat(SecureCookiesBehindTls.secured("SET-COOKIE", "a=1; Secure")).isEqualTo("a=1; Secure");
    assertThat(SecureCookiesBehindTls.secured("Set-Cookie", "a=1;secure;HttpOnly")).isEqualTo("a=1;secure;HttpOnly");
    assertThat(SecureCookiesBehindTls.secured("Set-Cookie", "secure=1; Path=/")).isEqualTo("secure=1; Path=/; Secure");
    assertThat(SecureCookiesBehindTls.secured("Set-Cookie", "a=1; Path=/securely")).isEqualTo("a=1; Path=/securely; Secure");
  }

  @Test
  void overPlainHttpCookiesStayAsTheyAre() throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();

    new SecureCookiesBehindTls().doFilter(new MockHttpServletRequest(), response, (request, wrapped) -> {
      ((HttpServletResponse) wrapped).addCookie(new Cookie("object", "1"));
      ((HttpServletResponse) wrapped).addHeader("Set-Cookie", "XSRF-TOKEN=2; Path=/camunda");
    });

    assertThat(response.getCookie("object").getSecure()).isFalse();
    assertThat(response.getHeaders("Set-Cookie")).contains("XSRF-TOKEN=2; Path=/camunda");
  }
}
