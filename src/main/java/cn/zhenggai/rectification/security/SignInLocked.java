package cn.zhenggai.rectification.security;

import java.time.Duration;
import org.springframework.security.authentication.LockedException;

/**
 * A sign-in refused, without looking at the password, because the account from this address (or the address) has
 * had too many wrong passwords. Says in minutes when to try again.
 */
class SignInLocked extends LockedException {

  private final long seconds;

  SignInLocked(Duration remaining) {
    super(message(remaining));
    this.seconds = Math.max(1, remaining.toSeconds());
  }

  /** "登录失败次数过多，已暂时锁定，请 N 分钟后再试", N rounded up, at least 1. */
  static String message(Duration remaining) {
    long minutes = Math.max(1, (remaining.toSeconds() + 59) / 60);
    return "登录失败次数过多，已暂时锁定，请 " + minutes + " 分钟后再试";
  }

  /** For a {@code Retry-After} header. */
  long retryAfterSeconds() {
    return seconds;
  }
}
