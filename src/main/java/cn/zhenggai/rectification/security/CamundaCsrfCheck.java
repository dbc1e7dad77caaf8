package cn.zhenggai.rectification.security;

import cn.zhenggai.rectification.web.ProblemJson;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks the CSRF token of Camunda's web applications before Camunda does (and for the evidence and extension panels
 * in Tasklist, which send the same token). Camunda's own check ends the person's session when a token is missing, so a page of
 * another site could sign a secretary out and lose her half-filled form; here the forged request is refused and the
 * session stays as it was.
 */
class CamundaCsrfCheck extends OncePerRequestFilter {

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  /** Camunda's applications' APIs, and the evidence and extension panels that Tasklist shows. */
  private static final List<String> CHECKED = List.of("/camunda/api/", "/evidence/", "/extensions/");

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return SAFE_METHODS.contains(request.getMethod()) || CHECKED.stream().noneMatch(path::startsWith);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpSession session = request.getSession(false);
    if (session == null) {
      ProblemJson.write(response, HttpStatus.UNAUTHORIZED, "登录已过期，请重新登录");
      return;
    }
    Object expected = session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
    String sent = request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME);
    if (expected instanceof String token && sent != null
        && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8))) {
      chain.doFilter(request, response);
      return;
    }
    ProblemJson.write(response, HttpStatus.FORBIDDEN, "请求没有带本系统页面的安全令牌（可能来自其他网站），未执行。您仍在登录状态，请刷新页面后重试");
  }
}
