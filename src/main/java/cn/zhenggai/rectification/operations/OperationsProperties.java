package cn.zhenggai.rectification.operations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Health checks and meters.
 *
 * @param figuresMaxAge how old the figures read from the database (open items, notices, jobs) and the mail server
 *     check may be: however often Prometheus scrapes or a health check asks, each is read at most once in this time
 * @param mailCheckTimeout how long the health check waits for the mail server's greeting
 */
@ConfigurationProperties("rectification.operations")
public record OperationsProperties(Duration figuresMaxAge, Duration mailCheckTimeout) {

  public OperationsProperties {
    figuresMaxAge = figuresMaxAge == null ? Duration.ofSeconds(5) : figuresMaxAge;
    mailCheckTimeout = mailCheckTimeout == null ? Duration.ofSeconds(2) : mailCheckTimeout;
  }
}
