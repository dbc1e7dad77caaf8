package cn.zhenggai.rectification.speech;

import cn.zhenggai.rectification.vocabulary.RefusedInput;
import java.util.Locale;

/**
 * The text of an uploaded speech or report: a {@code .txt} (UTF-8, or GB18030 as Chinese Windows Notepad saves it) or
 * a {@code .docx}. Anything else, and anything unsafe to open, is refused with a message naming the file.
 */
public final class SpeechFile {

  private static final double MEGABYTE = 1024 * 1024;

  private SpeechFile() {}

  /** The file's plain text, paragraphs separated by {@code \n}, without control characters but tabs. */
  public static String read(String fileName, byte[] bytes, long maxBytes) {
    String name = fileName == null || fileName.isBlank() ? "（未命名）" : fileName.strip();
    if (bytes == null || bytes.length == 0) {
      throw new RefusedInput("文件“" + name + "”是空的，请选择写有讲话或报告正文的文件。");
    }
    if (bytes.length > maxBytes) {
      throw new RefusedInput("文件“" + name + "”大小为 " + megabytes(bytes.length) + " MB，超过了 " + megabytes(maxBytes)
          + " MB 的上限，请删去其中的图片或分成几个文件上传，也可以直接粘贴文字。");
    }
    String extension = name.contains(".") ? name.substring(name.lastIndexOf('.')).toLowerCase(Locale.ROOT) : "";
    String text = switch (extension) {
      case ".txt" -> TextEncoding.decode(bytes);
      case ".docx" -> WordDocument.text(name, bytes);
      case ".doc" -> throw new RefusedInput("文件“" + name + "”是旧版 Word 格式（.doc），无法读取，"
          + "请用 Word 打开后另存为 .docx 再上传，也可以直接粘贴文字。");
      case ".docm", ".dotm" -> throw WordDocument.macros(name);
      default -> throw new RefusedInput("文件“" + name + "”的格式不能读取：只支持 .txt 和 .docx 文件，"
          + "请另存为其中一种格式再上传，也可以直接粘贴文字。");
    };
    String clean = clean(text);
    if (clean.isBlank()) {
      throw new RefusedInput("文件“" + name + "”中没有文字，请检查是否选错了文件。");
    }
    return clean;
  }

  /**
   * Pasted or read text as the importer takes it: line breaks as {@code \n}, no control characters but tabs and line
   * breaks. Markup stays as it is: it is text here, and escaped where it is shown.
   */
  public static String clean(String text) {
    String lines = text.replace("\r\n", "\n").replace('\r', '\n');
    StringBuilder clean = new StringBuilder(lines.length());
    for (int i = 0; i < lines.length(); i++) {
      char c = lines.charAt(i);
      boolean control = Character.isISOControl(c) && c != '\n' && c != '\t';
      if (!control && !(i == 0 && c == '\uFEFF')) {
        clean.append(c);
      }
    }
    return clean.toString();
  }

  private static String megabytes(long bytes) {
    String figure = String.format(Locale.ROOT, "%.1f", bytes / MEGABYTE);
    return figure.endsWith(".0") ? figure.substring(0, figure.length() - 2) : figure;
  }
}
