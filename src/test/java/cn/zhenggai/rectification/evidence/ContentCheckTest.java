package cn.zhenggai.rectification.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhenggai.rectification.vocabulary.RefusedInput;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Types by content: every accepted kind is recognised, and whatever hides behind a harmless extension is refused. */
class ContentCheckTest {

  @TempDir Path folder;
  final ContentCheck check = new ContentCheck();

  @Test
  void everyAcceptedKindIsRecognisedByItsContent() throws IOException {
    assertThat(check.contentOf(file(SampleFiles.pdf("会议记录")))).isEqualTo(Content.PDF);
    assertThat(check.contentOf(file(SampleFiles.docx("整改方案")))).isEqualTo(Content.WORD);
    assertThat(check.contentOf(file(SampleFiles.xlsx("整改台账")))).isEqualTo(Content.EXCEL);
    assertThat(check.contentOf(file(SampleFiles.xls("整改台账")))).isEqualTo(Content.EXCEL_97);
    assertThat(check.contentOf(file(SampleFiles.doc("整改方案")))).isEqualTo(Content.WORD_97);
    assertThat(check.contentOf(file(SampleFiles.ofd()))).isEqualTo(Content.OFD);
    assertThat(check.contentOf(file(SampleFiles.jpeg()))).isEqualTo(Content.JPEG);
    assertThat(check.contentOf(file(SampleFiles.png()))).isEqualTo(Content.PNG);
    assertThat(check.contentOf(file(SampleFiles.text("已开展专题学习 4 次。\n参学率 98%。\n", StandardCharsets.UTF_8))))
        .isEqualTo(Content.TEXT);
    assertThat(check.contentOf(file(SampleFiles.text("已开展专题学习 4 次。\r\n参学率 98%。\r\n", Charset.forName("GBK")))))
        .as("a Chinese text saved by Windows Notepad in GBK").isEqualTo(Content.TEXT);
  }

  @Test
  void whatIsNotAcceptedIsNamedForWhatItIs() throws IOException {
    assertThat(check.contentOf(file(SampleFiles.program()))).isEqualTo(Content.PROGRAM);
    assertThat(check.contentOf(file(SampleFiles.htmlWithScript()))).isEqualTo(Content.HTML);
    assertThat(check.contentOf(file(SampleFiles.svgWithScript()))).isEqualTo(Content.SVG);
    assertThat(check.contentOf(file(SampleFiles.plainZip()))).isEqualTo(Content.OTHER_CONTAINER);
    assertThat(check.contentOf(file(SampleFiles.otherOle2()))).isEqualTo(Content.OTHER_CONTAINER);
  }

  @Test
  void anAcceptedFileGetsTheTypeOfItsExtension() throws IOException {
    assertThat(check.check("会议记录.PDF", file(SampleFiles.pdf("x")))).isEqualTo(AllowedType.PDF);
    assertThat(check.check("整改方案.docx", file(SampleFiles.docx("x")))).isEqualTo(AllowedType.DOCX);
    assertThat(check.check("整改方案.doc", file(SampleFiles.doc("x")))).isEqualTo(AllowedType.DOC);
    assertThat(check.check("整改方案.wps", file(SampleFiles.doc("x")))).isEqualTo(AllowedType.WPS);
    assertThat(check.check("台账.et", file(SampleFiles.xls("x")))).isEqualTo(AllowedType.ET);
    assertThat(check.check("台账.xls", file(SampleFiles.xls("x")))).isEqualTo(AllowedType.XLS);
    assertThat(check.check("台账.xlsx", file(SampleFiles.xlsx("x")))).isEqualTo(AllowedType.XLSX);
    assertThat(check.check("通知.ofd", file(SampleFiles.ofd()))).isEqualTo(AllowedType.OFD);
    assertThat(check.check("现场照片.jpg", file(SampleFiles.jpeg()))).isEqualTo(AllowedType.JPG);
    assertThat(check.check("现场照片.jpeg", file(SampleFiles.jpeg()))).isEqualTo(AllowedType.JPEG);
    assertThat(check.check("截图.png", file(SampleFiles.png()))).isEqualTo(AllowedType.PNG);
    assertThat(check.check("说明.txt", file(SampleFiles.text("说明", StandardCharsets.UTF_8)))).isEqualTo(AllowedType.TXT);
    assertThat(AllowedType.PDF.contentType()).isEqualTo("application/pdf");
    assertThat(AllowedType.JPG.contentType()).isEqualTo("image/jpeg");
  }

  @Test
  void aProgramRenamedPdfIsRefusedWithTheListOfWhatIsAllowed() throws IOException {
    Path exe = file(SampleFiles.program());

    assertThatThrownBy(() -> check.check("整改报告.pdf", exe)).isInstanceOf(RefusedInput.class)
        .hasMessage("文件“整改报告.pdf”的内容是可执行程序，不是扩展名 .pdf 所示的文件，不能上传。仅接受 PDF、Word、Excel、WPS、OFD、"
            + "JPEG、PNG、纯文本（.pdf .doc .docx .xls .xlsx .wps .et .ofd .jpg .jpeg .png .txt）");
  }

  @Test
  void markupWithScriptIsRefusedWhateverItsName() throws IOException {
    Path html = file(SampleFiles.htmlWithScript());
    Path svg = file(SampleFiles.svgWithScript());

    assertThatThrownBy(() -> check.check("通知.html", html)).hasMessageStartingWith("文件“通知.html”的类型（.html）不在允许范围内。仅接受 PDF");
    assertThatThrownBy(() -> check.check("通知.txt", html)).hasMessageStartingWith("文件“通知.txt”的内容是网页（HTML），不是扩展名 .txt");
    assertThatThrownBy(() -> check.check("图.svg", svg)).hasMessageStartingWith("文件“图.svg”的类型（.svg）不在允许范围内");
    assertThatThrownBy(() -> check.check("图.png", svg)).hasMessageStartingWith("文件“图.png”的内容是SVG 图形，不是扩展名 .png");
  }

  @Test
  void aZipRenamedDocxIsRefused() throws IOException {
    Path zip = file(SampleFiles.plainZip());

    assertThatThrownBy(() -> check.check("整改方案.docx", zip))
        .hasMessageStartingWith("文件“整改方案.docx”的内容是其他类型的文档或压缩包，不是扩展名 .docx 所示的文件，不能上传。仅接受");
  }

  @Test
  void anAcceptedKindUnderAnotherExtensionIsToldToMendTheExtension() throws IOException {
    Path docx = file(SampleFiles.docx("方案"));
    Path jpeg = file(SampleFiles.jpeg());

    assertThatThrownBy(() -> check.check("整改方案.pdf", docx))
        .hasMessage("文件“整改方案.pdf”的内容是Word 文档，与扩展名 .pdf 不符，请改正扩展名后重新上传");
    assertThatThrownBy(() -> check.check("照片.png", jpeg))
        .hasMessage("文件“照片.png”的内容是JPEG 图片，与扩展名 .png 不符，请改正扩展名后重新上传");
    assertThatThrownBy(() -> check.check("台账.docx", file(SampleFiles.xlsx("x")))).hasMessageContaining("Excel 工作簿");
  }

  @Test
  void aBrokenContainerIsUnknown() throws IOException {
    byte[] zip = SampleFiles.docx("x");
    byte[] cut = Arrays.copyOf(zip, zip.length / 2);
    byte[] ole2 = Arrays.copyOf(SampleFiles.doc("x"), 600);

    assertThat(check.contentOf(file(cut))).isIn(Content.UNKNOWN, Content.OTHER_CONTAINER);
    assertThat(check.contentOf(file(ole2))).isEqualTo(Content.UNKNOWN);
  }

  private Path file(byte[] content) throws IOException {
    return Files.write(Files.createTempFile(folder, "sample", ".bin"), content);
  }
}
