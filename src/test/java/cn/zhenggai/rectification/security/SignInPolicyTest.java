package cn.zhenggai.rectification.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.security.SignInPolicy.Count;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignInPolicyTest {

  static final SignInProperties DEFAULTS = defaults();
  static final Instant T0 = Instant.parse("2026-03-02T01:00:00Z");

  final SignInPolicy policy = new SignInPolicy(DEFAULTS);

  /** The settings of application.yaml, with these trusted proxies. */
  static SignInProperties defaults(String... trustedProxies) {
    return new SignInProperties(List.of(trustedProxies), 5, Duration.ofMinutes(1), Duration.ofMinutes(15),
        Duration.ofDays(1), 20, Duration.ofMinutes(15), Duration.ofMinutes(15));
  }

  @Test
  void anAccountFromAnAddressIsLockedForAMinuteAtTheFifthWrongPasswordNotBefore() {
    Count count = Count.NONE;
    for (int i = 1; i <= 4; i++) {
      count = policy.afterAccountFailure(count, T0.plusSeconds(i));
      assertThat(count.failures()).isEqualTo(i);
      assertThat(count.lockedAt(T0.plusSeconds(i))).as("after %d wrong passwords", i).isFalse();
    }

    Instant fifth = T0.plusSeconds(5);
    count = policy.afterAccountFailure(count, fifth);

    assertThat(count.lockedUntil()).isEqualTo(fifth.plus(Duration.ofMinutes(1)));
    assertThat(count.lockedAt(fifth.plusSeconds(59))).isTrue();
    assertThat(count.lockedAt(fifth.plusSeconds(60))).as("the lock is over").isFalse();
    assertThat(count.firstFailure()).isEqualTo(T0.plusSeconds(1));
  }

  @Test
  void eachWrongPasswordAfterALockDoublesTheNextUpToFifteenMinutes() {
    assertThat(List.of(5, 6, 7, 8, 9, 10, 1000).stream().map(policy::accountLock).toList())
        .containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(8),
            Duration.ofMinutes(15), Duration.ofMinutes(15), Duration.ofMinutes(15));

    Count count = new Count(5, T0, T0, T0.plus(Duration.ofMinutes(1)));
    Instant afterTheLock = T0.plus(Duration.ofMinutes(1));
    count = policy.afterAccountFailure(count, afterTheLock);
    assertThat(count.failures()).isEqualTo(6);
    assertThat(count.lockedUntil()).isEqualTo(afterTheLock.plus(Duration.ofMinutes(2)));
  }

  @Test
  void aPairsWrongPasswordsAreForgottenADayAfterTheLast() {
    Count four = new Count(4, T0, T0.plusSeconds(30), null);

    assertThat(policy.afterAccountFailure(four, T0.plusSeconds(30).plus(Duration.ofHours(23))).lockedUntil())
        .as("the fifth within a day locks").isNotNull();
    Count later = policy.afterAccountFailure(four, T0.plusSeconds(30).plus(Duration.ofDays(1)));
    assertThat(later.failures()).isEqualTo(1);
    assertThat(later.firstFailure()).isEqualTo(later.lastFailure());
    assertThat(later.lockedUntil()).isNull();
  }

  @Test
  void anAddressIsLockedForFifteenMinutesAtTwentyWrongPasswordsWithinFifteenMinutes() {
    Count count = Count.NONE;
    for (int i = 0; i < 19; i++) {
      count = policy.afterAddressFailure(count, T0.plusSeconds(40L * i));
    }
    assertThat(count.failures()).isEqualTo(19);
    assertThat(count.lockedUntil()).isNull();

    Instant twentieth = T0.plus(Duration.ofMinutes(14));
    count = policy.afterAddressFailure(count, twentieth);

    assertThat(count.failures()).isEqualTo(20);
    assertThat(count.lockedUntil()).isEqualTo(twentieth.plus(Duration.ofMinutes(15)));
  }

  @Test
  void anAddressCountStartsAgainWhenTheWindowHasPassed() {
    Count nineteen = new Count(19, T0, T0.plus(Duration.ofMinutes(10)), null);

    Count count = policy.afterAddressFailure(nineteen, T0.plus(Duration.ofMinutes(15)));

    assertThat(count.failures()).isEqualTo(1);
    assertThat(count.firstFailure()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
    assertThat(count.lockedUntil()).isNull();
  }

  @Test
  void aLockSetMeanwhileByAnotherNodeIsNeverShortened() {
    Instant longLock = T0.plus(Duration.ofMinutes(10));
    Count lockedElsewhere = new Count(5, T0, T0, longLock);

    assertThat(policy.afterAccountFailure(lockedElsewhere, T0.plusSeconds(1)).lockedUntil()).isEqualTo(longLock);
  }

  @Test
  void theSignInWaitsForTheLaterOfTheLocksInForce() {
    Count pair = new Count(5, T0, T0, T0.plus(Duration.ofMinutes(1)));
    Count address = new Count(20, T0, T0, T0.plus(Duration.ofMinutes(15)));
    Count expired = new Count(5, T0, T0, T0.minusSeconds(1));

    assertThat(SignInPolicy.lockedUntil(List.of(pair, address), T0)).isEqualTo(T0.plus(Duration.ofMinutes(15)));
    assertThat(SignInPolicy.lockedUntil(List.of(expired, Count.NONE), T0)).isNull();
  }

  @Test
  void theMessageSaysInWholeMinutesWhenToTryAgain() {
    assertThat(SignInLocked.message(Duration.ofSeconds(60))).isEqualTo("登录失败次数过多，已暂时锁定，请 1 分钟后再试");
    assertThat(SignInLocked.message(Duration.ofSeconds(61))).isEqualTo("登录失败次数过多，已暂时锁定，请 2 分钟后再试");
    assertThat(SignInLocked.message(Duration.ofMillis(200))).isEqualTo("登录失败次数过多，已暂时锁定，请 1 分钟后再试");
    assertThat(SignInLocked.message(Duration.ofSeconds(60).plusNanos(1))).isEqualTo("登录失败次数过多，已暂时锁定，请 2 分钟后再试");
    assertThat(new SignInLocked(Duration.ofSeconds(60).minusNanos(1000)).retryAfterSeconds()).isEqualTo(60);
    assertThat(SignInLocked.message(Duration.ofMinutes(15))).isEqualTo("登录失败次数过多，已暂时锁定，请 15 分钟后再试");
  }
}
