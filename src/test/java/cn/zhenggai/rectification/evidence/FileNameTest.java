package cn.zhenggai.rectification.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhenggai.rectification.vocabulary.RefusedInput;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** File names are kept as the uploader's computer wrote them, unless they could be read as a path or hide something. */
class FileNameTest {

  @Test
  void chineseNamesAreKeptAsTheyAre() {
    for (String name : List.of("城关街道党工委关于理论学习的整改报告（2027年3月）.docx", "会议记录 第1次.pdf",
        "现场照片-①.JPG", "台账_v2.final.xlsx", "說明.txt", "𠀀字表.pdf")) {
      assertThat(FileName.checked(name)).isEqualTo(name);
    }
  }

  @Test
  void pathsAreRefused() {
    assertRefused("../../etc/passwd.txt", "文件名“../../etc/passwd.txt”不能含有路径分隔符（/ 或 \\）");
    assertRefused("..\\..\\boot.ini.txt", "文件名“..\\..\\boot.ini.txt”不能含有路径分隔符（/ 或 \\）");
    assertRefused("照片/现场.jpg", "文件名“照片/现场.jpg”不能含有路径分隔符（/ 或 \\）");
    assertRefused("..pdf", "文件名“..pdf”不能含有“..”");
    assertRefused("报告..pdf", "文件名“报告..pdf”不能含有“..”");
  }

  @Test
  void controlAndDisguisingCharactersAreRefusedAndShownWrittenOut() {
    assertRefused("报告\u0000.pdf", "文件名“报告\\u0000.pdf”含有控制字符，请改名后重新上传");
    assertRefused("报告\n.pdf", "文件名“报告\\u000A.pdf”含有控制字符，请改名后重新上传");
    assertRefused("报告\u007f.pdf", "文件名“报告\\u007F.pdf”含有控制字符，请改名后重新上传");
    // the right-to-left override shows "报告fdp.exe" as "报告exe.pdf"
    assertRefused("报告\u202Efdp.exe", "文件名“报告\\u202Efdp.exe”含有控制字符，请改名后重新上传");
  }

  @Test
  void emptyOverlongAndOddNamesAreRefused() {
    assertRefused(null, "文件名不能为空");
    assertRefused("", "文件名不能为空");
    assertRefused("   ", "文件名不能为空");
    String overlong = "长".repeat(FileName.MAX_CHARACTERS) + ".pdf";
    assertThatThrownBy(() -> FileName.checked(overlong)).isInstanceOf(RefusedInput.class)
        .hasMessage("文件名“" + "长".repeat(60) + "…”过长：不能超过 200 个字符，现有 204 个");
    assertRefused("会议记录", "文件“会议记录”没有扩展名（如 .pdf、.docx），无法确认类型");
    assertRefused(".pdf", "文件“.pdf”没有扩展名（如 .pdf、.docx），无法确认类型");
    assertRefused("会议:记录.pdf", "文件名“会议:记录.pdf”不能含有以下字符：< > : \" | ? *");
    assertRefused("会议记录.pdf ", "文件名“会议记录.pdf ”不能以空格开头或结尾，也不能以“.”结尾");
    assertRefused("会议记录.", "文件名“会议记录.”不能以空格开头或结尾，也不能以“.”结尾");
  }

  @Test
  void theExtensionIsReadInLowerCase() {
    assertThat(FileName.extension("照片.JPEG")).isEqualTo("jpeg");
    assertThat(FileName.extension("a.tar.gz")).isEqualTo("gz");
    assertThat(FileName.extension("README")).isEmpty();
  }

  @Test
  void sameNamesInOneZipFolderAreNumbered() {
    Set<String> taken = new HashSet<>();

    assertThat(EvidenceZip.unique("城关街道党工委/落实整改/", "照片.jpg", taken)).isEqualTo("城关街道党工委/落实整改/照片.jpg");
    assertThat(EvidenceZip.unique("城关街道党工委/落实整改/", "照片.jpg", taken)).isEqualTo("城关街道党工委/落实整改/照片 (2).jpg");
    assertThat(EvidenceZip.unique("城关街道党工委/落实整改/", "照片.jpg", taken)).isEqualTo("城关街道党工委/落实整改/照片 (3).jpg");
    assertThat(EvidenceZip.unique("城关街道党工委/制定整改方案/", "照片.jpg", taken)).isEqualTo("城关街道党工委/制定整改方案/照片.jpg");
  }

  @Test
  void downloadNamesKeepChineseAndFallBackToAscii() {
    assertThat(DownloadName.attachment("整改报告 v2.docx"))
        .isEqualTo("attachment; filename=\"____ v2.docx\"; filename*=UTF-8''%E6%95%B4%E6%94%B9%E6%8A%A5%E5%91%8A%20v2.docx");
    assertThat(DownloadName.inline("a\"b.pdf")).isEqualTo("inline; filename=\"a_b.pdf\"; filename*=UTF-8''a%22b.pdf");
  }

  private static void assertRefused(String name, String message) {
    assertThatThrownBy(() -> FileName.checked(name)).as(String.valueOf(name)).isInstanceOf(RefusedInput.class).hasMessage(message);
  }
}
