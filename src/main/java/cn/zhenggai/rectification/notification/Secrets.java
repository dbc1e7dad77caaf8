package cn.zhenggai.rectification.notification;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/** Robot keys, tokens and SMS keys as they may be shown: masked, and never inside an error text. */
final class Secrets {

  private Secrets() {}

  /** The first three characters and stars: enough to tell two configured values apart, not to use one. */
  static String mask(String secret) {
    if (secret == null || secret.isEmpty()) {
      return "（未设置）";
    }
    return secret.length() <= 6 ? "***" : secret.substring(0, 3) + "***";
  }

  /** The text with every one of these secrets (and its URL-encoded form) replaced by stars. */
  static String scrub(String text, Collection<String> secrets) {
    if (text == null) {
      return null;
    }
    String scrubbed = text;
    for (String secret : secrets) {
      if (secret != null && secret.length() >= 4) {
        scrubbed = scrubbed.replace(secret, "***")
            .replace(URLEncoder.encode(secret, StandardCharsets.UTF_8), "***");
      }
    }
    return scrubbed;
  }
}
