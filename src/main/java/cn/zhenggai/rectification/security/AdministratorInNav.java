package cn.zhenggai.rectification.security;

import cn.zhenggai.rectification.vocabulary.GroupType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Tells each page whether an administrator is looking, so the nav links the administrators' pages for them alone. */
@ControllerAdvice
class AdministratorInNav {

  @ModelAttribute("administrator")
  boolean administrator(Authentication user) {
    return user != null && user.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(GroupType.SYSTEM.authority()));
  }
}
