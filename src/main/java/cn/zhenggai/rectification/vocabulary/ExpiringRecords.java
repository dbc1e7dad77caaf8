package cn.zhenggai.rectification.vocabulary;

import java.time.Instant;

/** A feature's rows that belong to no case and expire by their own age (a digest, a round, an audit entry). */
public interface ExpiringRecords {

  /** Removes at most limit rows that belong to no case and are older than cutoff; returns how many. */
  int removeOlderThan(Instant cutoff, int limit);
}
