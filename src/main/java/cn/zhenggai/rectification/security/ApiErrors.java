package cn.zhenggai.rectification.security;

import cn.zhenggai.rectification.web.ProblemJson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/**
 * 401 and 403 of the APIs as JSON problems in Chinese, never a login page. A sign-in refused for too many wrong
 * passwords says so, and when to try again, instead of "wrong password".
 */
@Component
class ApiErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    response.setHeader("WWW-Authenticate", "Basic realm=\"rectification\", charset=\"UTF-8\"");
    if (e instanceof SignInLocked locked) {
      response.setHeader("Retry-After", Long.toString(locked.retryAfterSeconds()));
      ProblemJson.write(response, HttpStatus.UNAUTHORIZED, locked.getMessage());
      return;
    }
    ProblemJson.write(response, HttpStatus.UNAUTHORIZED, "未登录或用户名、密码不正确：请用 HTTP Basic 提供用户名和密码");
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    ProblemJson.write(response, HttpStatus.FORBIDDEN, "无权访问");
  }

}
