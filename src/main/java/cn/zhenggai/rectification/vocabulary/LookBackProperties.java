package cn.zhenggai.rectification.vocabulary;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * When a closed problem is looked back at (回头看), unless its round says otherwise: checked at start-up, so a wrong
 * value stops the application with the key's name instead of failing at the first closure.
 *
 * @param after the period after the closure (销号), e.g. P6M; a demo uses PT2M
 */
@ConfigurationProperties("rectification.look-back")
public record LookBackProperties(String after) {

  public LookBackProperties {
    if (LookBackPeriod.parse(after).isEmpty()) {
      throw new IllegalArgumentException("rectification.look-back.after = " + after + "：" + LookBackPeriod.EXPECTED);
    }
  }

  public LookBackPeriod period() {
    return LookBackPeriod.parse(after).orElseThrow();
  }
}
