package cn.zhenggai.rectification.supervision;

import cn.zhenggai.rectification.vocabulary.GroupType;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Tells each page whether a supervisor or an administrator is looking: they alone are shown the audit trail's links. */
@ControllerAdvice
class AuditorInNav {

  private static final Set<String> AUDITORS = Set.of(GroupType.SUPERVISOR.authority(), GroupType.SYSTEM.authority());

  @ModelAttribute("auditor")
  boolean auditor(Authentication user) {
    return user != null && user.getAuthorities().stream().anyMatch(a -> AUDITORS.contains(a.getAuthority()));
  }
}
