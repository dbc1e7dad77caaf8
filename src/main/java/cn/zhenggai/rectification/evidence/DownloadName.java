package cn.zhenggai.rectification.evidence;

import java.nio.charset.StandardCharsets;
import org.springframework.web.util.UriUtils;

/**
 * A {@code Content-Disposition} that keeps a Chinese file name (RFC 5987 {@code filename*=UTF-8''…}), with an ASCII
 * {@code filename} for clients that take only that.
 */
final class DownloadName {

  private DownloadName() {}

  static String inline(String name) {
    return "inline; " + parameters(name);
  }

  static String attachment(String name) {
    return "attachment; " + parameters(name);
  }

  private static String parameters(String name) {
    return "filename=\"" + ascii(name) + "\"; filename*=UTF-8''" + UriUtils.encode(name, StandardCharsets.UTF_8);
  }

  /** Every character that is not printable ASCII, or would end the quoted value, becomes "_". */
  static String ascii(String name) {
    StringBuilder ascii = new StringBuilder();
    name.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
    return ascii.toString();
  }
}
