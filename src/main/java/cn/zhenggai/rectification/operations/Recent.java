package cn.zhenggai.rectification.operations;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A figure read at most once per max age, however often and by however many it is asked for: a Prometheus scrape
 * reads dozens of gauges of one family, and all of them share one query. A failed read (the database out of reach) is
 * remembered as unknown for as long, so an outage does not cost a wait per gauge; it is logged once, and so is the
 * recovery.
 */
final class Recent<T> {

  private static final Logger LOG = LoggerFactory.getLogger(Recent.class);

  private final String name;
  private final Supplier<T> read;
  private final long maxAgeNanos;
  private final LongSupplier nanoTime;
  private Optional<T> value;
  private long readAt;
  private boolean failing;

  Recent(String name, Supplier<T> read, Duration maxAge) {
    this(name, read, maxAge, System::nanoTime);
  }

  Recent(String name, Supplier<T> read, Duration maxAge, LongSupplier nanoTime) {
    this.name = name;
    this.read = read;
    this.maxAgeNanos = maxAge.toNanos();
    this.nanoTime = nanoTime;
  }

  /** The figure, read again if the last read is older than the max age; empty while it cannot be read. */
  synchronized Optional<T> get() {
    long now = nanoTime.getAsLong();
    if (value != null && now - readAt < maxAgeNanos) {
      return value;
    }
    try {
      value = Optional.of(read.get());
      if (failing) {
        LOG.info("{}又可以读取了", name);
      }
      failing = false;
    } catch (RuntimeException e) {
      if (!failing) {
        LOG.warn("{}暂时读不到，指标记为未知（{}）", name, e.getMessage());
      }
      failing = true;
      value = Optional.empty();
    }
    readAt = now;
    return value;
  }
}
