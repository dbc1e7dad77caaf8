package cn.zhenggai.rectification.extension;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Requests for more time ({@code rectification.extension.*}).
 *
 * @param max how far past the task's current due date a request may reach
 * @param maxRequests how many requests one unit's item may make (decided or waiting; a lapsed one does not count)
 */
@ConfigurationProperties("rectification.extension")
public record ExtensionProperties(Duration max, Integer maxRequests) {

  public ExtensionProperties {
    max = max == null ? Duration.ofDays(30) : max;
    maxRequests = maxRequests == null ? 2 : maxRequests;
  }

  /** The maximum as a person reads it: "30 天", or the ISO duration of a demo (PT10M). */
  String maxShown() {
    return max.toSeconds() % 86_400 == 0 ? max.toDays() + " 天" : max.toString();
  }
}
