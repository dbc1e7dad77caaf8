package cn.zhenggai.rectification.retention;

import java.time.Period;

/**
 * How long the records of an ended case are kept ({@code rectification.retention}), in whole days: one number for
 * Camunda's history time to live and for the cut-off of our own tables, so both go on the same day. A year counts 365
 * days plus one for each started four years, a month 31, so the days are never fewer than the period's: P10Y is
 * 3,653 days.
 *
 * @param period at least one day; no part negative
 */
record RetentionPeriod(Period period) {

  static final String KEY = "rectification.retention";

  RetentionPeriod {
    if (period == null || period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException(KEY + " = " + period + "：保存期限须至少 1 天，且各部分不为负（ISO-8601，如 P10Y）");
    }
  }

  int days() {
    long years = period.getYears();
    return Math.toIntExact(years * 365 + (years + 3) / 4 + period.getMonths() * 31L + period.getDays());
  }
}
