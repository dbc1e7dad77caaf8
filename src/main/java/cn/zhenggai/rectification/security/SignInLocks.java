package cn.zhenggai.rectification.security;

import cn.zhenggai.rectification.audit.AuditAction;
import cn.zhenggai.rectification.audit.AuditTrail;
import cn.zhenggai.rectification.vocabulary.DeadlineProperties;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/**
 * Administrators (role SYSTEM, see {@link WebSecurity}) see the sign-in locks in force and lift them: a page with a
 * "解除" button, and the same as JSON. Lifting forgets the count too, so the next wrong password starts again at one;
 * it is recorded in the audit trail.
 */
@Controller
class SignInLocks {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** A lock as the page shows it: its end in the product's time zone. */
  record Row(long id, String account, String address, int failures, String lockedUntil) {}

  private final SignInThrottle throttle;
  private final ZoneId zone;
  private final AuditTrail trail;

  SignInLocks(SignInThrottle throttle, DeadlineProperties deadlines, AuditTrail trail) {
    this.throttle = throttle;
    this.trail = trail;
    this.zone = deadlines.timeZone();
  }

  @GetMapping("/operations/sign-in-locks")
  String page(Model model) {
    model.addAttribute("locks", throttle.locks().stream()
        .map(lock -> new Row(lock.id(), lock.account(), lock.address(), lock.failures(),
            TIME.format(lock.lockedUntil().atZone(zone))))
        .toList());
    return "operations/sign-in-locks";
  }

  @PostMapping("/operations/sign-in-locks/{id}/lift")
  String liftOnThePage(@PathVariable long id, Authentication administrator) {
    boolean lifted = liftAndRecord(id, administrator).isPresent();
    return "redirect:/operations/sign-in-locks?" + (lifted ? "lifted" : "gone");
  }

  @GetMapping("/api/operations/sign-in-locks")
  @ResponseBody
  List<SignInThrottle.Lock> locks() {
    return throttle.locks();
  }

  @DeleteMapping("/api/operations/sign-in-locks/{id}")
  ResponseEntity<Void> lift(@PathVariable long id, Authentication administrator) {
    liftAndRecord(id, administrator)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "没有编号为 " + id + " 的登录锁定"));
    return ResponseEntity.noContent().build();
  }

  private Optional<SignInThrottle.Lock> liftAndRecord(long id, Authentication administrator) {
    Optional<SignInThrottle.Lock> lifted = throttle.lift(id, administrator.getName());
    lifted.ifPresent(lock -> trail.record(AuditTrail.Actor.named(administrator.getName()),
        AuditTrail.Entry.of(AuditAction.SIGN_IN_UNLOCKED,
            (lock.account() == null ? "地址 " : "账号 " + lock.account() + " 自地址 ") + lock.address(),
            "输错密码 " + lock.failures() + " 次")));
    return lifted;
  }
}
