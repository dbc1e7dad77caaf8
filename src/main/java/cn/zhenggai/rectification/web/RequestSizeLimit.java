package cn.zhenggai.rectification.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over 1 MB with 413: no form of this product needs more (the longest field takes 4,000
 * characters), and a huge body should not tie up memory or the database. A declared length is refused before anything
 * reads it; a body sent without one (chunked) is read up to the limit here, so it is refused the same way instead of
 * failing halfway through a request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimit extends OncePerRequestFilter {

  static final long MAX_BYTES = 1024 * 1024;
  static final String TOO_LARGE = "请求内容超过 1 MB";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > MAX_BYTES) {
      ProblemJson.write(response, HttpStatus.PAYLOAD_TOO_LARGE, TOO_LARGE);
      return;
    }
    if (request.getContentLengthLong() >= 0 || request.getHeader("Transfer-Encoding") == null) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readNBytes((int) MAX_BYTES + 1);
    if (body.length > MAX_BYTES) {
      ProblemJson.write(response, HttpStatus.PAYLOAD_TOO_LARGE, TOO_LARGE);
      return;
    }
    chain.doFilter(new BodyAlreadyRead(request, body), response);
  }
}
