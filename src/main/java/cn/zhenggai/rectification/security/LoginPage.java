package cn.zhenggai.rectification.security;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page, in Chinese, for every page of the product (Tasklist, Cockpit, Admin, supervision). */
@Controller
class LoginPage {

  @GetMapping("/login")
  String login() {
    return "login";
  }
}
