package cn.zhenggai.rectification.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A scrape asks for every gauge of a family; the database is asked once per max age, also while it fails. */
class RecentTest {

  final AtomicLong nanoTime = new AtomicLong(1_000_000_000L);
  final AtomicInteger reads = new AtomicInteger();
  final AtomicBoolean databaseDown = new AtomicBoolean();
  final Recent<Integer> figures = new Recent<>("测试数字", () -> {
    reads.incrementAndGet();
    if (databaseDown.get()) {
      throw new IllegalStateException("connection refused");
    }
    return reads.get();
  }, Duration.ofSeconds(5), nanoTime::get);

  @Test
  void manyGaugesOfOneScrapeCostOneRead() {
    for (int gauge = 0; gauge < 50; gauge++) {
      assertThat(figures.get()).hasValue(1);
    }
    later(Duration.ofSeconds(4));
    assertThat(figures.get()).hasValue(1);
    assertThat(reads).hasValue(1);

    later(Duration.ofSeconds(1));
    assertThat(figures.get()).as("read again after the max age").hasValue(2);
    assertThat(reads).hasValue(2);
  }

  @Test
  void whileTheDatabaseIsDownTheFiguresAreUnknownAndAskedForOncePerMaxAge() {
    databaseDown.set(true);
    for (int gauge = 0; gauge < 50; gauge++) {
      assertThat(figures.get()).isEmpty();
    }
    assertThat(reads).hasValue(1);

    databaseDown.set(false);
    later(Duration.ofSeconds(5));
    assertThat(figures.get()).hasValue(2);
  }

  private void later(Duration duration) {
    nanoTime.addAndGet(duration.toNanos());
  }
}
