package cn.zhenggai.rectification.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Sizes as the lists (case page) and the refusals (limits) show them. */
class FileSizeTest {

  @Test
  void aListedFileInBytesKilobytesOrMegabytes() {
    assertThat(FileSize.shown(860)).isEqualTo("860 字节");
    assertThat(FileSize.shown(1024)).isEqualTo("1 KB");
    assertThat(FileSize.shown(12_800)).isEqualTo("12.5 KB");
    assertThat(FileSize.shown(3_355_443)).isEqualTo("3.2 MB");
    assertThat(FileSize.shown(20 * 1024 * 1024)).isEqualTo("20 MB");
  }

  @Test
  void aLimitInMegabytesRoundedUp() {
    assertThat(FileSize.megabytes(20 * 1024 * 1024)).isEqualTo("20 MB");
    assertThat(FileSize.megabytes(200L * 1024 * 1024)).isEqualTo("200 MB");
    assertThat(FileSize.megabytes(1024 * 1024 + 1)).isEqualTo("1.1 MB");
    assertThat(FileSize.megabytes(1)).isEqualTo("0.1 MB");
  }
}
