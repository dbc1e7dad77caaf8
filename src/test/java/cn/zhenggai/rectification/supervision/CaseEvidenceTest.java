package cn.zhenggai.rectification.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A file's size as the case page shows it. */
class CaseEvidenceTest {

  @Test
  void sizesInBytesKilobytesOrMegabytes() {
    assertThat(size(860)).isEqualTo("860 字节");
    assertThat(size(1024)).isEqualTo("1 KB");
    assertThat(size(12_800)).isEqualTo("12.5 KB");
    assertThat(size(3_355_443)).isEqualTo("3.2 MB");
    assertThat(size(20 * 1024 * 1024)).isEqualTo("20 MB");
  }

  private static String size(long bytes) {
    return new CaseEvidence.Listed(1, "street-chengguan", "会议记录.pdf", bytes, "RECTIFY", "落实整改", "sec-chengguan", "李卫东",
        null, "/evidence/files/1").sizeText();
  }
}
