package cn.zhenggai.rectification.vocabulary;

import java.sql.Timestamp;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The one clock of the product: the engine's, which tests move to make timers come due. Everything that compares
 * with a due date reads this one, so that a moved clock moves them all.
 */
public final class EngineClock {

  private EngineClock() {}

  public static Date now() {
    return ClockUtil.getCurrentTime();
  }

  public static Timestamp timestamp() {
    return new Timestamp(now().getTime());
  }
}
