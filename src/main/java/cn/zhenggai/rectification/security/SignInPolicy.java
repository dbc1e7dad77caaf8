package cn.zhenggai.rectification.security;

import java.time.Duration;
import java.time.Instant;

/**
 * The arithmetic of the sign-in throttle, apart from the database and the clock.
 *
 * <p>One account tried from one address: after {@code failuresBeforeLock} wrong passwords the pair is locked for
 * {@code firstLock}; each wrong password after a lock locks it again for twice as long as the one before, at most
 * {@code longestLock}. The count is forgotten {@code forgetAfter} after the last wrong password. The same account from
 * another address has a count of its own, so a stranger's guesses never lock out the account's owner.
 *
 * <p>One address, whatever the accounts: {@code addressFailures} wrong passwords within {@code addressWindow} of the
 * first lock the address for {@code addressLock}.
 */
final class SignInPolicy {

  /** The wrong passwords counted for an account from an address, or for a whole address. */
  record Count(int failures, Instant firstFailure, Instant lastFailure, Instant lockedUntil) {

    static final Count NONE = new Count(0, null, null, null);

    boolean lockedAt(Instant now) {
      return lockedUntil != null && lockedUntil.isAfter(now);
    }
  }

  private final SignInProperties settings;

  SignInPolicy(SignInProperties settings) {
    this.settings = settings;
  }

  /** The count of an account from an address after one more wrong password at {@code now}. */
  Count afterAccountFailure(Count before, Instant now) {
    boolean remembered = before.lastFailure() != null && before.lastFailure().plus(settings.forgetAfter()).isAfter(now);
    int failures = remembered ? before.failures() + 1 : 1;
    Instant lockedUntil = failures < settings.failuresBeforeLock() ? null : now.plus(accountLock(failures));
    return new Count(failures, remembered ? before.firstFailure() : now, now, later(before.lockedUntil(), lockedUntil));
  }

  /** The count of a whole address after one more wrong password at {@code now}, for any account. */
  Count afterAddressFailure(Count before, Instant now) {
    boolean inWindow = before.firstFailure() != null
        && before.firstFailure().plus(settings.addressWindow()).isAfter(now);
    int failures = inWindow ? before.failures() + 1 : 1;
    Instant lockedUntil = failures < settings.addressFailures() ? null : now.plus(settings.addressLock());
    return new Count(failures, inWindow ? before.firstFailure() : now, now, later(before.lockedUntil(), lockedUntil));
  }

  /** How long an account from an address is locked after its {@code failures}-th wrong password (at the threshold or beyond). */
  Duration accountLock(int failures) {
    Duration lock = settings.firstLock();
    for (int beyond = failures - settings.failuresBeforeLock(); beyond > 0; beyond--) {
      if (lock.compareTo(settings.longestLock()) >= 0) {
        break;
      }
      lock = lock.multipliedBy(2);
    }
    return lock.compareTo(settings.longestLock()) > 0 ? settings.longestLock() : lock;
  }

  /** When the last of the counts that bear on a sign-in is locked until, if any is locked at {@code now}. */
  static Instant lockedUntil(Iterable<Count> counts, Instant now) {
    Instant until = null;
    for (Count count : counts) {
      if (count.lockedAt(now)) {
        until = later(until, count.lockedUntil());
      }
    }
    return until;
  }

  private static Instant later(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }
}
