package cn.zhenggai.rectification.retention;

import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long records are kept, and how the night's cleanup works through them: checked at start-up, so a wrong value
 * stops the application with the key's name.
 *
 * @param retention how long everything of a case is kept after the case ended, and rows of no case after they were made
 * @param cleanup the cleanup's transactions
 */
@ConfigurationProperties("rectification")
record RetentionProperties(@DefaultValue("P10Y") Period retention, @DefaultValue Cleanup cleanup) {

  /** @param batch cases removed per transaction */
  record Cleanup(@DefaultValue("100") int batch) {

    Cleanup {
      if (batch < 1) {
        throw new IllegalArgumentException("rectification.cleanup.batch = " + batch + "：每批至少 1 个案件");
      }
    }
  }

  RetentionProperties {
    // refuses a bad value at start-up, naming the key
    new RetentionPeriod(retention);
  }

  RetentionPeriod period() {
    return new RetentionPeriod(retention);
  }
}
