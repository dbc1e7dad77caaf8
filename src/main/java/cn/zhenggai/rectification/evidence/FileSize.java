package cn.zhenggai.rectification.evidence;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** A file's size as people read it. */
final class FileSize {

  private static final long KB = 1024;
  private static final long MB = 1024 * 1024;

  private FileSize() {}

  /** A limit in a message: {@code 20 MB}, {@code 1.5 MB}, {@code 0.1 MB} (rounded up, so never shown as 0). */
  static String megabytes(long bytes) {
    return BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(MB), 1, RoundingMode.UP).stripTrailingZeros().toPlainString()
        + " MB";
  }

  /** A file in a list: {@code 860 字节}, {@code 12.5 KB}, {@code 3.2 MB}. */
  static String shown(long bytes) {
    if (bytes < KB) {
      return bytes + " 字节";
    }
    boolean kilobytes = bytes < MB;
    return BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(kilobytes ? KB : MB), 1, RoundingMode.HALF_UP)
        .stripTrailingZeros().toPlainString() + (kilobytes ? " KB" : " MB");
  }
}
