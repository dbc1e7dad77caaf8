package cn.zhenggai.rectification.evidence;

import cn.zhenggai.rectification.vocabulary.Stage;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Evidence settings ({@code rectification.evidence.*}).
 *
 * @param required whether a plan or a completion report is refused without at least one file of its own stage
 * @param maxFileSize the largest file accepted
 * @param maxPerItem all files of one unit item together
 */
@ConfigurationProperties("rectification.evidence")
public record EvidenceProperties(Required required, DataSize maxFileSize, DataSize maxPerItem) {

  /** @param report the completion report (落实整改) needs a file; @param plan the plan (制定整改方案) does */
  public record Required(boolean report, boolean plan) {}

  public EvidenceProperties {
    required = required == null ? new Required(true, false) : required;
    maxFileSize = maxFileSize == null ? DataSize.ofMegabytes(20) : maxFileSize;
    maxPerItem = maxPerItem == null ? DataSize.ofMegabytes(200) : maxPerItem;
  }

  boolean requiredAt(Stage stage) {
    return switch (stage) {
      case RECTIFY -> required.report();
      case DRAFT_PLAN -> required.plan();
      default -> false;
    };
  }
}
