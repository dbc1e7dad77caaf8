package cn.zhenggai.rectification.evidence;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The file types accepted as evidence, by extension, each with the contents that may stand behind it: a {@code .wps}
 * or {@code .et} (WPS Office) is saved in Word's or Excel's formats, old or new.
 */
enum AllowedType {
  PDF("pdf", "application/pdf", Content.PDF),
  DOC("doc", "application/msword", Content.WORD_97),
  DOCX("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Content.WORD),
  XLS("xls", "application/vnd.ms-excel", Content.EXCEL_97),
  XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Content.EXCEL),
  WPS("wps", "application/wps-office.wps", Content.WORD_97, Content.WORD),
  ET("et", "application/wps-office.et", Content.EXCEL_97, Content.EXCEL),
  OFD("ofd", "application/ofd", Content.OFD),
  JPG("jpg", "image/jpeg", Content.JPEG),
  JPEG("jpeg", "image/jpeg", Content.JPEG),
  PNG("png", "image/png", Content.PNG),
  TXT("txt", "text/plain", Content.TEXT);

  /** What is accepted, as people call it. */
  static final String SUMMARY = "PDF、Word、Excel、WPS、OFD、JPEG、PNG、纯文本";
  static final String EXTENSIONS = Arrays.stream(values()).map(type -> "." + type.extension)
      .collect(Collectors.joining(" "));

  private final String extension;
  private final String contentType;
  private final Set<Content> contents;

  AllowedType(String extension, String contentType, Content first, Content... more) {
    this.extension = extension;
    this.contentType = contentType;
    this.contents = EnumSet.of(first, more);
  }

  static Optional<AllowedType> ofExtension(String extension) {
    return Arrays.stream(values()).filter(type -> type.extension.equals(extension)).findFirst();
  }

  String contentType() {
    return contentType;
  }

  boolean holds(Content content) {
    return contents.contains(content);
  }

  /** Whether some accepted type holds this content (then only the extension is wrong). */
  static boolean accepts(Content content) {
    return Arrays.stream(values()).anyMatch(type -> type.holds(content));
  }
}
