package cn.zhenggai.rectification.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The address a request comes from, for the audit trail of whatever the request does, down to the engine's listeners:
 * kept by the first filter of all (Spring's request context comes later than the sign-in, see security.ClientAddress).
 * It is the connection's address, which a proxy trusted by the server's valve has already replaced by its client's.
 */
@Configuration
class RequestOrigin {

  private static final ThreadLocal<String> ADDRESS = new ThreadLocal<>();

  /** The address of the request this thread serves; null outside a request (the engine's job executor). */
  static String address() {
    return ADDRESS.get();
  }

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> requestOriginFirst() {
    var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        String outer = ADDRESS.get();
        ADDRESS.set(request.getRemoteAddr());
        try {
          chain.doFilter(request, response);
        } finally {
          if (outer == null) {
            ADDRESS.remove();
          } else {
            ADDRESS.set(outer);
          }
        }
      }
    });
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    registration.addUrlPatterns("/*");
    return registration;
  }
}
