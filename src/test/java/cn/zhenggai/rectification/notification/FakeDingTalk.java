package cn.zhenggai.rectification.notification;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * DingTalk's custom robot as the tests need it ({@code POST /robot/send?access_token&timestamp&sign}): it knows each
 * robot's token and signing secret and checks what DingTalk checks: the token (errcode 300001), a timestamp within an
 * hour of its own clock and the signature, HmacSHA256 keyed with the secret over {@code timestamp + "\n" + secret},
 * Base64 (errcode 310000), the robot's custom keywords (自定义关键词) where it has any: a message must contain one of
 * them (errcode 310000), at most 20 messages a minute (errcode 130101).
 */
public final class FakeDingTalk extends FakeRobotServer {

  private final Map<String, String> secrets = new ConcurrentHashMap<>();
  private final Map<String, List<String>> keywords = new ConcurrentHashMap<>();

  public FakeDingTalk() {
    super("/robot/send");
  }

  /** A robot this server knows: its access token, its signing secret and its custom keywords, if any. */
  public FakeDingTalk robot(String token, String secret, String... keywords) {
    secrets.put(token, secret);
    this.keywords.put(token, List.of(keywords));
    return this;
  }

  @Override
  String check(Map<String, String> query, Instant now) throws Refusal {
    String secret = secrets.get(query.getOrDefault("access_token", ""));
    if (secret == null) {
      throw new Refusal(300001, "token is not exist");
    }
    long timestamp;
    try {
      timestamp = Long.parseLong(query.getOrDefault("timestamp", ""));
    } catch (NumberFormatException e) {
      throw new Refusal(310000, "sign not match, more: timestamp missing");
    }
    if (Duration.between(Instant.ofEpochMilli(timestamp), now).abs().compareTo(Duration.ofHours(1)) > 0) {
      throw new Refusal(310000, "invalid timestamp");
    }
    byte[] expected = signature(timestamp, secret).getBytes(StandardCharsets.US_ASCII);
    byte[] given = query.getOrDefault("sign", "").getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, given)) {
      throw new Refusal(310000, "sign not match");
    }
    return query.get("access_token");
  }

  @Override
  void checkContent(String robot, String content) throws Refusal {
    List<String> words = keywords.getOrDefault(robot, List.of());
    if (!words.isEmpty() && words.stream().noneMatch(content::contains)) {
      throw new Refusal(310000, "keywords not in content");
    }
  }

  /** The timestamp the sender signed (checked above). */
  @Override
  Instant stamped(Map<String, String> query, Instant arrived) {
    return Instant.ofEpochMilli(Long.parseLong(query.get("timestamp")));
  }

  @Override
  Refusal tooFast() {
    return new Refusal(130101, "send too fast, exceed 20 times per minute");
  }

  private static String signature(long timestamp, String secret) {
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = hmac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
