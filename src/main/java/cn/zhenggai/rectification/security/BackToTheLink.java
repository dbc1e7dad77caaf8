package cn.zhenggai.rectification.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

/**
 * After signing in, back to the page that asked for it, including what followed "#" in the link (Tasklist keeps the
 * task there, e.g. the link of a reminder email). Only a plain Tasklist route is taken over.
 */
class BackToTheLink extends SavedRequestAwareAuthenticationSuccessHandler {

  private static final Pattern ROUTE = Pattern.compile("#/\\?[A-Za-z0-9=&%._\\-]{1,200}");
  private final HttpSessionRequestCache requests = new HttpSessionRequestCache();

  BackToTheLink(String home) {
    setDefaultTargetUrl(home);
  }

  @Override
  public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication user)
      throws IOException, jakarta.servlet.ServletException {
    String fragment = request.getParameter("fragment");
    SavedRequest saved = requests.getRequest(request, response);
    if (fragment == null || !ROUTE.matcher(fragment).matches() || saved == null) {
      super.onAuthenticationSuccess(request, response, user);
      return;
    }
    requests.removeRequest(request, response);
    clearAuthenticationAttributes(request);
    getRedirectStrategy().sendRedirect(request, response, saved.getRedirectUrl() + fragment);
  }
}
