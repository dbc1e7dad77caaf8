package cn.zhenggai.rectification.evidence;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** A size as a message shows it: {@code 20 MB}, {@code 1.5 MB}, {@code 0.1 MB}. */
final class Megabytes {

  private Megabytes() {}

  static String of(long bytes) {
    BigDecimal megabytes = BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(1024 * 1024), 1, RoundingMode.UP);
    return megabytes.stripTrailingZeros().toPlainString() + " MB";
  }
}
