package cn.zhenggai.rectification.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While the database cannot be reached (restarted, failed over, network), every request that needs it is answered
 * 503 with a message saying that nothing was saved, instead of a bare 500 or, worse, "wrong password" from a sign-in
 * that could not check it; likewise when every connection is busy for longer than the pool waits (an overload).
 * Outermost filter, so it also covers sign-in; the transaction of the request was never committed, so nothing is
 * half-written.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class DatabaseOutage extends OncePerRequestFilter {

  static final String UNREACHABLE = "数据库暂时无法连接，本次操作没有保存，请稍后重试";
  static final String BUSY = "系统繁忙，本次操作没有保存，请稍后重试";

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseOutage.class);

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } catch (ServletException | RuntimeException e) {
      Optional<String> reason = reason(e);
      if (reason.isEmpty() || response.isCommitted()) {
        throw e;
      }
      LOG.warn("{}：{} {} 答复 503（{}）", reason.get(), request.getMethod(), request.getRequestURI(), rootMessage(e));
      response.reset();
      response.setHeader("Retry-After", "30");
      String path = request.getRequestURI().substring(request.getContextPath().length());
      if (path.startsWith("/api/")) {
        ProblemJson.write(response, HttpStatus.SERVICE_UNAVAILABLE, reason.get());
      } else {
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"type\":\"DatabaseUnavailable\",\"message\":\"" + reason.get() + "\"}");
      }
    }
  }

  /**
   * What to tell the user when the failure is the database's, not an error in what was asked: out of reach, or all
   * connections busy (a pool wait that timed out with nothing wrong underneath); empty otherwise.
   */
  static Optional<String> reason(Throwable failure) {
    boolean poolWaitTimedOut = false;
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException) {
        return Optional.of(UNREACHABLE);
      }
      if (cause instanceof SQLException sql && sql.getSQLState() != null
          // 08: connection exception; 57P01–57P03: the server is shutting down or starting up
          && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
        return Optional.of(UNREACHABLE);
      }
      poolWaitTimedOut |= cause instanceof SQLTransientConnectionException;
    }
    return poolWaitTimedOut ? Optional.of(BUSY) : Optional.empty();
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
