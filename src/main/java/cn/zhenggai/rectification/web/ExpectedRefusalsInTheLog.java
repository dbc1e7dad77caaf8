package cn.zhenggai.rectification.web;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import cn.zhenggai.rectification.vocabulary.RefusedAction;
import cn.zhenggai.rectification.vocabulary.RefusedInput;
import jakarta.annotation.PreDestroy;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.stereotype.Component;

/**
 * A person's submission refused by our rules is an expected answer (a 4xx with its reason), not a fault. The engine
 * logs every failed command with its stack trace at ERROR when our refusal comes wrapped (a task listener's exception
 * is wrapped by the engine), so the log would fill with false alarms. Here such an entry becomes one INFO line; every
 * other error is logged as before.
 */
@Component
class ExpectedRefusalsInTheLog extends TurboFilter {

  static final String ENGINE_COMMANDS = "org.camunda.bpm.engine.context";

  private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(ExpectedRefusalsInTheLog.class);

  ExpectedRefusalsInTheLog() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logging) {
      logging.addTurboFilter(this);
    }
  }

  @PreDestroy
  void leaveTheLog() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logging) {
      logging.getTurboFilterList().remove(this);
    }
  }

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (level != Level.ERROR || logger == null || !ENGINE_COMMANDS.equals(logger.getName())) {
      return FilterReply.NEUTRAL;
    }
    Throwable refusal = refusal(t);
    for (int i = 0; refusal == null && params != null && i < params.length; i++) {
      refusal = params[i] instanceof Throwable thrown ? refusal(thrown) : null;
    }
    if (refusal == null) {
      return FilterReply.NEUTRAL;
    }
    LOG.info("已拒绝：{}", refusal.getMessage());
    return FilterReply.DENY;
  }

  /** Our refusal (or a claim someone else holds) anywhere in the chain of causes; null if there is none. */
  static Throwable refusal(Throwable thrown) {
    for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
      if (cause instanceof RefusedInput || cause instanceof RefusedAction || cause instanceof TaskAlreadyClaimedException) {
        return cause;
      }
    }
    return null;
  }
}
