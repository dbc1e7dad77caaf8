package cn.zhenggai.rectification.vocabulary;

import java.util.Date;

/** Day counts as the ledger, the notices and the statistics give them. */
public final class Days {

  private static final long DAY = 86_400_000L;

  private Days() {}

  /** Whole days from one moment to another, a begun day counting as one; none when {@code to} is not later. */
  public static long begun(Date from, Date to) {
    long millis = to.getTime() - from.getTime();
    return millis <= 0 ? 0 : (millis + DAY - 1) / DAY;
  }

  /** Days from one moment to another as a fraction, for averages. */
  public static double between(Date from, Date to) {
    return (to.getTime() - from.getTime()) / (double) DAY;
  }
}
