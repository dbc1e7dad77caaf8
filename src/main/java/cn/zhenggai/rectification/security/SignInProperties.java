package cn.zhenggai.rectification.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How wrong passwords slow down the next attempts (durations ISO-8601). Locks are always temporary.
 *
 * @param trustedProxies addresses of our own reverse proxies or load balancers: only from these is the client address
 *     taken from {@code X-Forwarded-For}, and https, host and port from {@code X-Forwarded-Proto}, {@code -Host},
 *     {@code -Port} ({@link TrustedProxyHeaders}); empty (the default) means these headers are never believed
 * @param failuresBeforeLock wrong passwords for one account from one address before that pair is locked
 * @param firstLock how long the first lock of a pair lasts; each further wrong password after a lock doubles it
 * @param longestLock the longest lock of a pair
 * @param forgetAfter a pair's wrong passwords are forgotten after this long without another
 * @param addressFailures wrong passwords from one address, for any accounts, within {@code addressWindow} before the
 *     whole address is locked
 * @param addressWindow the period in which an address's wrong passwords are counted together
 * @param addressLock how long a locked address stays locked
 */
@ConfigurationProperties("rectification.sign-in")
record SignInProperties(
    List<String> trustedProxies,
    int failuresBeforeLock,
    Duration firstLock,
    Duration longestLock,
    Duration forgetAfter,
    int addressFailures,
    Duration addressWindow,
    Duration addressLock) {

  SignInProperties {
    trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    positive("failures-before-lock", failuresBeforeLock);
    positive("address-failures", addressFailures);
    positive("first-lock", firstLock);
    positive("longest-lock", longestLock);
    positive("forget-after", forgetAfter);
    positive("address-window", addressWindow);
    positive("address-lock", addressLock);
  }

  private static void positive(String key, int value) {
    if (value < 1) {
      throw new IllegalArgumentException("rectification.sign-in." + key + " 必须至少为 1");
    }
  }

  private static void positive(String key, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("rectification.sign-in." + key + " 必须是大于 0 的时长（ISO-8601，如 PT1M）");
    }
  }
}
