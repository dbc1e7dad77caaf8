package cn.zhenggai.rectification.security;

import cn.zhenggai.rectification.audit.AuditAction;
import cn.zhenggai.rectification.audit.AuditTrail;
import cn.zhenggai.rectification.vocabulary.GroupType;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Checks a user name and password against Camunda's identity service and turns the user's groups into authorities:
 * {@code GROUP_<id>} for every group, {@code UNIT_<id>} for responsible units, {@code ROLE_<type>} for the role.
 * Wrong passwords are counted by {@link SignInThrottle} per account and client address (Camunda's own count per
 * account is off): while the account is locked from this address, or the address is, the password is not even
 * checked. The address comes with the sign-in as its details ({@link ClientAddress} is the details source of the form
 * and of HTTP Basic). Every refused sign-in, and a lock it begins, is recorded in the audit trail under the account
 * name as typed.
 */
@Component
class SignIn implements AuthenticationProvider {

  private final IdentityService identity;
  private final SignInThrottle throttle;
  private final AuditTrail trail;

  SignIn(IdentityService identity, SignInThrottle throttle, AuditTrail trail) {
    this.identity = identity;
    this.throttle = throttle;
    this.trail = trail;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String user = authentication.getName();
    Object password = authentication.getCredentials();
    if (user == null || user.isBlank() || !(password instanceof String text)) {
      throw new BadCredentialsException("用户名或密码不正确");
    }
    if (!(authentication.getDetails() instanceof ClientAddress.Origin origin)) {
      throw new IllegalStateException("a sign-in configured without ClientAddress as its details source");
    }
    SignInThrottle.Attempt attempt;
    try {
      attempt = throttle.admit(user, origin.address());
    } catch (SignInLocked locked) {
      failed(user, origin, "已锁定，未核对密码");
      throw locked;
    }
    if (!identity.checkPassword(user, text)) {
      failed(user, origin, "密码错误");
      try {
        attempt.failed();
      } catch (SignInLocked nowLocked) {
        trail.record(new AuditTrail.Actor(user, origin.address()), AuditTrail.Entry.of(AuditAction.SIGN_IN_LOCKED,
            "账号 " + user + " 自地址 " + origin.address(), "输错密码次数过多，锁定 " + nowLocked.retryAfterSeconds() + " 秒"));
        throw nowLocked;
      }
      throw new BadCredentialsException("用户名或密码不正确");
    }
    attempt.succeeded();
    return UsernamePasswordAuthenticationToken.authenticated(user, null, authoritiesOf(user));
  }

  private void failed(String user, ClientAddress.Origin origin, String why) {
    trail.record(new AuditTrail.Actor(user, origin.address()), AuditTrail.Entry.of(AuditAction.SIGN_IN_FAILED, null, why));
  }

  private List<GrantedAuthority> authoritiesOf(String user) {
    List<GrantedAuthority> authorities = new ArrayList<>();
    for (Group group : identity.createGroupQuery().groupMember(user).list()) {
      authorities.add(new SimpleGrantedAuthority(Viewer.GROUP + group.getId()));
      GroupType.parse(group.getType()).ifPresent(type -> {
        authorities.add(new SimpleGrantedAuthority(type.authority()));
        if (type == GroupType.UNIT) {
          authorities.add(new SimpleGrantedAuthority(Viewer.UNIT + group.getId()));
        }
      });
    }
    return authorities;
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
