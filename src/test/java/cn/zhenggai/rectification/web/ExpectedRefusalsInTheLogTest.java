package cn.zhenggai.rectification.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import cn.zhenggai.rectification.vocabulary.RefusedInput;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;

/** A wrapped refusal leaves the engine's error log; a real fault stays in it. */
class ExpectedRefusalsInTheLogTest {

  final LoggerContext logging = new LoggerContext();
  final ExpectedRefusalsInTheLog filter = new ExpectedRefusalsInTheLog();

  @Test
  void aRefusalWrappedByTheEngineIsNotLoggedAsAnError() {
    var wrapped = new ProcessEngineException("ENGINE-03051", new RefusedInput("请填写“责任人”（planResponsiblePerson）"));

    assertThat(decide(Level.ERROR, wrapped)).isEqualTo(FilterReply.DENY);
  }

  @Test
  void aRealFaultAndOtherLoggersAreLeftAlone() {
    var fault = new ProcessEngineException("ENGINE-03051", new IllegalStateException("boom"));

    assertThat(decide(Level.ERROR, fault)).isEqualTo(FilterReply.NEUTRAL);
    assertThat(filter.decide(null, logging.getLogger("cn.zhenggai"), Level.ERROR, "x",
        new Object[] {new RefusedInput("x")}, null)).isEqualTo(FilterReply.NEUTRAL);
  }

  private FilterReply decide(Level level, Throwable thrown) {
    // Camunda passes the exception as the last argument of its message
    return filter.decide(null, logging.getLogger(ExpectedRefusalsInTheLog.ENGINE_COMMANDS), level,
        "ENGINE-16004 Exception while closing command context: {}", new Object[] {thrown.getMessage(), thrown}, null);
  }
}
