package cn.zhenggai.rectification.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/** Requests no page of ours makes: answered as the client's mistake (4xx, in Chinese), never as a fault of ours. */
@Configuration
class OddRequests {

  private static final Pattern ODD_PATH =
      Pattern.compile("(?i);|%3b|%2f|%5c|\\\\|%00|%0[ad]|[\\x00-\\x1f\\x7f]|(^|/)(\\.|%2e){1,2}(/|$)");

  /** Paths with {@code ;}, encoded slashes, {@code ..} and the like, refused by Spring Security's firewall. */
  @Bean
  RequestRejectedHandler oddPaths() {
    return (request, response, rejected) -> ProblemJson.write(response, HttpStatus.BAD_REQUEST, "请求路径不合法");
  }

  /**
   * Path parameters ({@code ;}), dot segments, encoded slashes and control characters: no link of ours has them, and
   * the servlet container and the frameworks behind it do not agree on what such a path means. Refused before any of
   * them sees it.
   */
  @Bean
  FilterRegistrationBean<OncePerRequestFilter> oddPathsFirst() {
    var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        if (ODD_PATH.matcher(request.getRequestURI()).find()) {
          ProblemJson.write(response, HttpStatus.BAD_REQUEST, "请求路径不合法");
          return;
        }
        chain.doFilter(request, response);
      }
    });
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /** {@code /error} opened directly, with no error behind it, is a page that does not exist. */
  @Bean
  BasicErrorController errorPages(ErrorAttributes attributes, ServerProperties server, List<ErrorViewResolver> views) {
    return new BasicErrorController(attributes, server.getError(), views) {
      @Override
      protected HttpStatus getStatus(HttpServletRequest request) {
        return request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null ? HttpStatus.NOT_FOUND : super.getStatus(request);
      }
    };
  }
}
