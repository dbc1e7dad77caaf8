package cn.zhenggai.rectification.security;

import cn.zhenggai.rectification.audit.AuditAction;
import cn.zhenggai.rectification.audit.AuditTrail;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * Records a sign-in on the sign-in page in the audit trail, from the address the sign-in came from
 * ({@link ClientAddress}), then goes on as {@code next} does. Sign-ins by HTTP Basic are not recorded: an API client
 * signs in with every request (the requests' actions are recorded).
 */
class SignInAudit implements AuthenticationSuccessHandler {

  private final AuditTrail trail;
  private final AuthenticationSuccessHandler next;

  SignInAudit(AuditTrail trail, AuthenticationSuccessHandler next) {
    this.trail = trail;
    this.next = next;
  }

  @Override
  public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication user)
      throws IOException, ServletException {
    String address = user.getDetails() instanceof ClientAddress.Origin origin ? origin.address() : null;
    trail.record(new AuditTrail.Actor(user.getName(), address), AuditTrail.Entry.of(AuditAction.SIGN_IN, null, null));
    next.onAuthenticationSuccess(request, response, user);
  }
}
