package cn.zhenggai.rectification.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhenggai.rectification.vocabulary.RefusedInput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpeechFileTest {

  static final long LIMIT = 2 * 1024 * 1024;
  static final String SPEECH = "同志们：\n存在的问题：一是学习不深入。有的社区党组织学习流于形式。";

  @TempDir Path dir;

  @Test
  void aWordDocumentGivesItsParagraphsAndTablesInOrder() throws IOException {
    String text = SpeechFile.read("讲话.docx", docx(), LIMIT);

    assertThat(text).isEqualTo("同志们：\n存在的问题：\n表格甲\n表格乙\n散会。");
  }

  @Test
  void textFilesAreUtf8WithOrWithoutByteOrderMarkOrGb18030() {
    byte[] utf8 = SPEECH.getBytes(StandardCharsets.UTF_8);
    byte[] bom = new byte[utf8.length + 3];
    bom[0] = (byte) 0xEF;
    bom[1] = (byte) 0xBB;
    bom[2] = (byte) 0xBF;
    System.arraycopy(utf8, 0, bom, 3, utf8.length);

    assertThat(SpeechFile.read("讲话.txt", utf8, LIMIT)).isEqualTo(SPEECH);
    assertThat(SpeechFile.read("讲话.TXT", bom, LIMIT)).isEqualTo(SPEECH);
    assertThat(SpeechFile.read("记事本.txt", SPEECH.getBytes(Charset.forName("GB18030")), LIMIT)).isEqualTo(SPEECH);
  }

  @Test
  void controlCharactersGoButLineBreaksTabsAndMarkupStay() {
    byte[] bytes = "一是<script>alert(1)</script>\u0000学习\u0007不够。\r\n二是\t作风不实。\u001b".getBytes(StandardCharsets.UTF_8);

    assertThat(SpeechFile.read("a.txt", bytes, LIMIT)).isEqualTo("一是<script>alert(1)</script>学习不够。\n二是\t作风不实。");
    assertThat(SpeechFile.clean("\uFEFF粘贴的\r文字\u0000")).isEqualTo("粘贴的\n文字");
  }

  @Test
  void anEmptyFileIsRefused() {
    assertThatThrownBy(() -> SpeechFile.read("空白.txt", new byte[0], LIMIT))
        .isInstanceOf(RefusedInput.class).hasMessageContaining("空白.txt").hasMessageContaining("是空的");
    assertThatThrownBy(() -> SpeechFile.read("空白.txt", " \n ".getBytes(StandardCharsets.UTF_8), LIMIT))
        .isInstanceOf(RefusedInput.class).hasMessageContaining("空白.txt").hasMessageContaining("没有文字");
  }

  @Test
  void aTooLargeFileIsRefusedWithTheLimit() {
    assertThatThrownBy(() -> SpeechFile.read("大文件.txt", new byte[(int) LIMIT + 1], LIMIT))
        .isInstanceOf(RefusedInput.class).hasMessageContaining("大文件.txt").hasMessageContaining("超过了 2 MB 的上限");
  }

  @Test
  void otherFormatsAreRefusedSayingWhatToDo() {
    byte[] bytes = SPEECH.getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> SpeechFile.read("旧讲话.doc", bytes, LIMIT))
        .isInstanceOf(RefusedInput.class).hasMessageContaining("旧讲话.doc").hasMessageContaining("请用 Word 打开后另存为 .docx");
    assertThatThrownBy(() -> SpeechFile.read("讲话.pdf", bytes, LIMIT))
        .isInstanceOf(RefusedInput.class).hasMessageContaining("讲话.pdf").hasMessageContaining(".txt 和 .docx");
    assertThatThrownBy(() -> SpeechFile.read("讲话", bytes, LIMIT))
        .isInstanceOf(RefusedInput.class).hasMessageContaining("“讲话”");
  }

  @Test
  void aRenamedTextOrAZipWithoutADocumentIsNotAWordDocument() throws IOException {
    byte[] zip = zip(Map.of("readme.txt", "不是 Word".getBytes(StandardCharsets.UTF_8)));
    Map<String, byte[]> withoutDocument = entries(docx());
    withoutDocument.remove("word/document.xml");

    for (byte[] bytes : new byte[][] {SPEECH.getBytes(StandardCharsets.UTF_8), zip, zip(withoutDocument)}) {
      assertThatThrownBy(() -> SpeechFile.read("改名.docx", bytes, LIMIT))
          .isInstanceOf(RefusedInput.class).hasMessageContaining("“改名.docx”不是有效的 Word 文档");
    }
  }

  @Test
  void macrosAreRefusedNotIgnored() throws IOException {
    Map<String, byte[]> parts = entries(docx());
    String types = new String(parts.get("[Content_Types].xml"), StandardCharsets.UTF_8)
        .replace("<Default ", "<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/><Default ");
    parts.put("[Content_Types].xml", types.getBytes(StandardCharsets.UTF_8));
    parts.put("word/vbaProject.bin", new byte[] {1, 2, 3});

    assertThatThrownBy(() -> SpeechFile.read("宏.docx", zip(parts), LIMIT))
        .isInstanceOf(RefusedInput.class).hasMessageContaining("“宏.docx”是含有宏的 Word 文档");
    assertThatThrownBy(() -> SpeechFile.read("宏.docm", docx(), LIMIT))
        .isInstanceOf(RefusedInput.class).hasMessageContaining("“宏.docm”是含有宏的 Word 文档");
  }

  @Test
  void aDoctypeIsRefusedAndNoExternalFileIsRead() throws IOException {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "MARKER-4711");
    Map<String, byte[]> parts = entries(docx());
    String document = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        + "<!DOCTYPE w:document [<!ENTITY secret SYSTEM \"" + secret.toUri() + "\">]>\n"
        + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
        + "<w:body><w:p><w:r><w:t>&secret;</w:t></w:r></w:p></w:body></w:document>";
    parts.put("word/document.xml", document.getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> SpeechFile.read("外部实体.docx", zip(parts), LIMIT))
        .isInstanceOf(RefusedInput.class)
        .hasMessageContaining("“外部实体.docx”的内部 XML 含有文档类型声明（DOCTYPE）")
        .hasMessageNotContaining("MARKER-4711");
  }

  @Test
  void aZipBombIsRefused() throws IOException {
    Map<String, byte[]> parts = entries(docx());
    parts.put("word/document.xml", new byte[50 * 1024 * 1024]); // 50 MB of zeros: about 50 KB zipped

    byte[] bomb = zip(parts);

    assertThat(bomb.length).isLessThan((int) LIMIT);
    assertThatThrownBy(() -> SpeechFile.read("炸弹.docx", bomb, LIMIT))
        .isInstanceOf(RefusedInput.class).hasMessageContaining("“炸弹.docx”解压后的体积异常");
  }

  private static byte[] docx() throws IOException {
    try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      document.createParagraph().createRun().setText("同志们：");
      document.createParagraph().createRun().setText("存在的问题：");
      XWPFTable table = document.createTable(1, 2);
      table.getRow(0).getCell(0).setText("表格甲");
      table.getRow(0).getCell(1).setText("表格乙");
      document.createParagraph().createRun().setText("散会。");
      document.write(out);
      return out.toByteArray();
    }
  }

  private static Map<String, byte[]> entries(byte[] zip) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        entries.put(entry.getName(), in.readAllBytes());
      }
    }
    return entries;
  }

  private static byte[] zip(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(entry.getKey()));
        out.write(entry.getValue());
        out.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
