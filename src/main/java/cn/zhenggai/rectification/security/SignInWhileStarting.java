package cn.zhenggai.rectification.security;

import cn.zhenggai.rectification.web.ProblemJson;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Until the node is ready (Spring's readiness state: its start-up work, the seeds with the accounts among it, is done),
 * a sign-in is not checked, and not counted as a wrong password, but answered 503 "系统正在启动，请稍候" with
 * {@code Retry-After}: the sign-in form gets the sign-in page saying so, HTTP Basic a JSON problem. Placed before the
 * authentication filters of both chains; everything else (the sign-in page, the health checks) passes.
 */
final class SignInWhileStarting extends OncePerRequestFilter {

  static final String MESSAGE = "系统正在启动，请稍候";

  private final ApplicationAvailability availability;

  SignInWhileStarting(ApplicationAvailability availability) {
    this.availability = availability;
  }

  /** Whether the node still refuses sign-ins. */
  static boolean starting(ApplicationAvailability availability) {
    return availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean form = HttpMethod.POST.matches(request.getMethod()) && "/login".equals(path(request));
    String authorization = request.getHeader("Authorization");
    boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    if (!(form || basic) || !starting(availability)) {
      chain.doFilter(request, response);
      return;
    }
    response.setHeader("Retry-After", "5");
    if (form) {
      response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
      request.getRequestDispatcher("/login").forward(new HttpServletRequestWrapper(request) {
        @Override
        public String getMethod() {
          return HttpMethod.GET.name(); // the sign-in page, which then says that the system is starting
        }
      }, response);
    } else {
      ProblemJson.write(response, HttpStatus.SERVICE_UNAVAILABLE, MESSAGE);
    }
  }

  private static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }
}
