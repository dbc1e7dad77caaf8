package cn.zhenggai.rectification.security;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/** Requests no page of ours makes: answered as the client's mistake (4xx, in Chinese), never as a fault of ours. */
@Configuration
class OddRequests {

  /** Paths with {@code ;}, encoded slashes, {@code ..} and the like, refused by Spring Security's firewall. */
  @Bean
  RequestRejectedHandler oddPaths() {
    return (request, response, rejected) -> ApiErrors.write(response, HttpStatus.BAD_REQUEST, "请求路径不合法");
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
