package cn.zhenggai.rectification.security;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.springframework.security.authentication.LockedException;

/**
 * A sign-in refused, without looking at the password, because the account from this address (or the address) has
 * had too many wrong passwords. Says in minutes when to try again.
 */
class SignInLocked extends LockedException {

  private final long seconds;

  SignInLocked(Duration remaining) {
    super(message(remaining));
    this.seconds = seconds(remaining);
  }

  /** "登录失败次数过多，已暂时锁定，请 N 分钟后再试", N rounded up, at least 1. */
  static String message(Duration remaining) {
    return "登录失败次数过多，已暂时锁定，请 " + (seconds(remaining) + 59) / 60 + " 分钟后再试";
  }

  /** Whole seconds, rounded up (a lock read back from the database may have lost its last digits), at least 1. */
  private static long seconds(Duration remaining) {
    Duration whole = remaining.truncatedTo(ChronoUnit.SECONDS);
    return Math.max(1, whole.equals(remaining) ? whole.toSeconds() : whole.toSeconds() + 1);
  }

  /** For a {@code Retry-After} header. */
  long retryAfterSeconds() {
    return seconds;
  }
}
