package cn.zhenggai.rectification.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in page, in Chinese, for every page of the product (Tasklist, Cockpit, Admin, supervision). After a failed
 * sign-in it says why: a wrong name or password, or a temporary lock after too many of them (the failure the form
 * sign-in left in the session), and then when to try again. While the node is starting it says so.
 */
@Controller
class LoginPage {

  private final SignInProperties settings;
  private final ApplicationAvailability availability;

  LoginPage(SignInProperties settings, ApplicationAvailability availability) {
    this.settings = settings;
    this.availability = availability;
  }

  @GetMapping("/login")
  String login(@RequestParam(required = false) String error, HttpServletRequest request, Model model) {
    if (SignInWhileStarting.starting(availability)) {
      model.addAttribute("starting", SignInWhileStarting.MESSAGE + "。");
    }
    if (error != null) {
      model.addAttribute("failure", failure(request.getSession(false)));
    }
    return "login";
  }

  private String failure(HttpSession session) {
    Object last = session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
    if (last instanceof SignInLocked locked) {
      return locked.getMessage() + "。";
    }
    return "用户名或密码不正确，请重新输入。连续输错 " + settings.failuresBeforeLock() + " 次将暂时锁定几分钟。";
  }
}
