package cn.zhenggai.rectification.speech;

import cn.zhenggai.rectification.vocabulary.RefusedInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.poi.ooxml.POIXMLException;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JRuntimeException;
import org.apache.poi.openxml4j.opc.ContentTypes;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationship;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFSDT;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/**
 * The text of a {@code .docx}, read with Apache POI: paragraphs in order, those of tables included. Refused before POI
 * parses anything: a file that is not a Word package, one with macros, and one whose XML declares a DOCTYPE (which could
 * make a parser read local files or the network); POI's own zip limits (ZipSecureFile) stop zip bombs.
 */
final class WordDocument {

  private static final Set<String> WORD_CONTENT_TYPES = Set.of(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml");
  private static final Set<String> MACRO_CONTENT_TYPES = Set.of(
      "application/vnd.ms-word.document.macroEnabled.main+xml",
      "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
      "application/vnd.ms-office.vbaProject");

  private WordDocument() {}

  static String text(String name, byte[] bytes) {
    if (bytes.length < 4 || bytes[0] != 'P' || bytes[1] != 'K') {
      throw notWord(name);
    }
    OPCPackage word = open(name, bytes);
    try {
      checkParts(name, word);
      List<String> paragraphs = new ArrayList<>();
      collect(new XWPFDocument(word).getBodyElements(), paragraphs);
      return String.join("\n", paragraphs);
    } catch (IOException | InvalidFormatException | POIXMLException | OpenXML4JRuntimeException e) {
      throw refusal(name, e);
    } finally {
      word.revert(); // closes without writing anything back
    }
  }

  static RefusedInput macros(String name) {
    return new RefusedInput("文件“" + name + "”是含有宏的 Word 文档，为安全起见不予读取，"
        + "请在 Word 中另存为不含宏的 .docx（Word 文档）再上传，也可以直接粘贴文字。");
  }

  private static OPCPackage open(String name, byte[] bytes) {
    try {
      return OPCPackage.open(new ByteArrayInputStream(bytes));
    } catch (IOException | InvalidFormatException | POIXMLException | OpenXML4JRuntimeException e) {
      throw refusal(name, e);
    }
  }

  private static void checkParts(String name, OPCPackage word) throws IOException, InvalidFormatException {
    for (PackagePart part : word.getParts()) {
      String type = part.getContentType();
      String partName = part.getPartName().getName().toLowerCase(Locale.ROOT);
      if (MACRO_CONTENT_TYPES.contains(type) || partName.endsWith("vbaproject.bin")) {
        throw macros(name);
      }
      // the core properties are parsed by POI on opening, with DOCTYPEs disallowed
      if (type.endsWith("xml") && !type.equals(ContentTypes.CORE_PROPERTIES_PART) && declaresDoctype(part)) {
        throw doctype(name);
      }
    }
    PackageRelationship main = word.getRelationshipsByType(PackageRelationshipTypes.CORE_DOCUMENT).getRelationship(0);
    PackagePart document = main == null ? null : word.getPart(main);
    if (document == null || !WORD_CONTENT_TYPES.contains(document.getContentType())) {
      throw notWord(name);
    }
  }

  private static boolean declaresDoctype(PackagePart part) throws IOException {
    try (InputStream in = part.getInputStream()) {
      byte[] xml = in.readAllBytes();
      // UTF-16 XML: dropping the zero bytes leaves its ASCII markup readable
      String ascii = new String(xml, StandardCharsets.ISO_8859_1).replace("\0", "").toUpperCase(Locale.ROOT);
      return ascii.contains("<!DOCTYPE") || ascii.contains("<!ENTITY");
    }
  }

  private static void collect(List<IBodyElement> elements, List<String> paragraphs) {
    for (IBodyElement element : elements) {
      if (element instanceof XWPFParagraph paragraph) {
        paragraphs.add(paragraph.getText());
      } else if (element instanceof XWPFTable table) {
        for (XWPFTableRow row : table.getRows()) {
          for (XWPFTableCell cell : row.getTableCells()) {
            collect(cell.getBodyElements(), paragraphs);
          }
        }
      } else if (element instanceof XWPFSDT control) {
        paragraphs.add(control.getContent().getText());
      }
    }
  }

  private static RefusedInput refusal(String name, Exception e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      String message = String.valueOf(cause.getMessage());
      if (message.contains("Zip bomb") || message.contains("potentially malicious") || message.contains("max. ratio")) {
        return new RefusedInput("文件“" + name + "”解压后的体积异常（疑似“压缩炸弹”），为安全起见不予读取，"
            + "请用 Word 打开后另存为新的 .docx 再上传，也可以直接粘贴文字。");
      }
      if (message.contains("DOCTYPE")) {
        return doctype(name);
      }
    }
    return notWord(name);
  }

  private static RefusedInput doctype(String name) {
    return new RefusedInput("文件“" + name + "”的内部 XML 含有文档类型声明（DOCTYPE），可能引用外部文件，"
        + "为安全起见不予读取，请用 Word 打开后另存为新的 .docx 再上传，也可以直接粘贴文字。");
  }

  private static RefusedInput notWord(String name) {
    return new RefusedInput("文件“" + name + "”不是有效的 Word 文档（.docx），可能已损坏，或是改了扩展名的其他文件，"
        + "请用 Word 打开后另存为 .docx 再上传，也可以直接粘贴文字。");
  }
}
