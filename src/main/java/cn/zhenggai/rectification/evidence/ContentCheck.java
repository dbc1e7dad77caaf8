package cn.zhenggai.rectification.evidence;

import cn.zhenggai.rectification.vocabulary.RefusedInput;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipFile;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;
import org.springframework.stereotype.Component;

/**
 * The type of an uploaded file by its content, never by its name: Tika's magic numbers say PDF, JPEG, PNG, text, a
 * zip or an OLE2 container; the containers are then looked into (the entries of a zip: Word, Excel or OFD; the streams
 * of an OLE2 file: Word 97-2003 or WPS 文字, Excel 97-2003 or WPS 表格). The extension must agree with what is found.
 */
@Component
class ContentCheck {

  private static final MimeTypes MAGIC = MimeTypes.getDefaultMimeTypes();
  private static final MediaTypeRegistry TYPES = MAGIC.getMediaTypeRegistry();
  private static final MediaType OLE2 = MediaType.application("x-tika-msoffice");

  /** The accepted type of the file {@code name} whose bytes are at {@code content}; refused when it is none. */
  AllowedType check(String name, Path content) {
    String shown = FileName.shown(name);
    AllowedType type = AllowedType.ofExtension(FileName.extension(name)).orElseThrow(() -> new RefusedInput(
        "文件“" + shown + "”的类型（." + FileName.extension(name) + "）不在允许范围内。" + allowed()));
    Content found = contentOf(content);
    if (type.holds(found)) {
      return type;
    }
    if (AllowedType.accepts(found)) {
      throw new RefusedInput("文件“" + shown + "”的内容是" + found.label() + "，与扩展名 ." + FileName.extension(name)
          + " 不符，请改正扩展名后重新上传");
    }
    throw new RefusedInput("文件“" + shown + "”的内容是" + found.label() + "，不是扩展名 ." + FileName.extension(name)
        + " 所示的文件，不能上传。" + allowed());
  }

  static String allowed() {
    return "仅接受 " + AllowedType.SUMMARY + "（" + AllowedType.EXTENSIONS + "）";
  }

  Content contentOf(Path file) {
    MediaType type = magic(file);
    if (type.equals(MediaType.application("pdf"))) {
      return Content.PDF;
    }
    if (type.equals(MediaType.image("jpeg"))) {
      return Content.JPEG;
    }
    if (type.equals(MediaType.image("png"))) {
      return Content.PNG;
    }
    if (type.equals(MediaType.TEXT_PLAIN)) {
      return Content.TEXT;
    }
    if (TYPES.isInstanceOf(type, MediaType.TEXT_HTML) || TYPES.isInstanceOf(type, MediaType.application("xhtml+xml"))) {
      return Content.HTML;
    }
    if (TYPES.isInstanceOf(type, MediaType.image("svg+xml"))) {
      return Content.SVG;
    }
    if (TYPES.isInstanceOf(type, MediaType.APPLICATION_ZIP)) {
      return zipped(file);
    }
    if (TYPES.isInstanceOf(type, OLE2)) {
      return ole2(file);
    }
    if (TYPES.isInstanceOf(type, MediaType.application("x-msdownload"))
        || TYPES.isInstanceOf(type, MediaType.application("x-executable"))) {
      return Content.PROGRAM;
    }
    return Content.UNKNOWN;
  }

  private static MediaType magic(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      // no name in the metadata: the bytes alone decide
      return TYPES.normalize(MAGIC.detect(new BufferedInputStream(in), new Metadata()));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the received file " + file, e);
    }
  }

  /** Office Open XML (Word, Excel) and OFD are zip files of known entries; only the entries' names are read. */
  private static Content zipped(Path file) {
    Set<String> entries = new HashSet<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      zip.stream().limit(10_000).forEach(entry -> entries.add(entry.getName()));
    } catch (IOException broken) {
      return Content.UNKNOWN;
    }
    if (entries.contains("[Content_Types].xml") && entries.contains("word/document.xml")) {
      return Content.WORD;
    }
    if (entries.contains("[Content_Types].xml") && entries.contains("xl/workbook.xml")) {
      return Content.EXCEL;
    }
    if (entries.contains("OFD.xml")) {
      return Content.OFD;
    }
    return Content.OTHER_CONTAINER;
  }

  /** Word 97-2003 and WPS 文字 keep a WordDocument stream; Excel 97-2003 and WPS 表格 a Workbook (or older Book). */
  private static Content ole2(Path file) {
    try (POIFSFileSystem ole2 = new POIFSFileSystem(file.toFile(), true)) {
      Set<String> streams = ole2.getRoot().getEntryNames();
      if (streams.contains("WordDocument")) {
        return Content.WORD_97;
      }
      if (streams.contains("Workbook") || streams.contains("Book")) {
        return Content.EXCEL_97;
      }
      return Content.OTHER_CONTAINER;
    } catch (IOException | RuntimeException broken) {
      return Content.UNKNOWN;
    }
  }
}
