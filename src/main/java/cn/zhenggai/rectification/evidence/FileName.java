package cn.zhenggai.rectification.evidence;

import cn.zhenggai.rectification.vocabulary.RefusedInput;
import java.util.Locale;

/**
 * The name an uploaded file keeps, as the uploader's computer called it (Chinese included, unchanged): it is shown,
 * downloaded under and put into zip files, so it must be a plain name on every system.
 */
final class FileName {

  static final int MAX_CHARACTERS = 200;
  /** Not allowed in names on Windows, where most of the files are opened. */
  private static final String WINDOWS_RESERVED = "<>:\"|?*";

  private FileName() {}

  /** The name as given, if it is a plain file name with an extension; otherwise refused, saying what is wrong. */
  static String checked(String name) {
    if (name == null || name.isBlank()) {
      throw new RefusedInput("文件名不能为空");
    }
    String shown = shown(name);
    if (name.length() > MAX_CHARACTERS) {
      throw new RefusedInput("文件名“" + shown + "”过长：不能超过 " + MAX_CHARACTERS + " 个字符，现有 " + name.length() + " 个");
    }
    if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
      throw new RefusedInput("文件名“" + shown + "”不能含有路径分隔符（/ 或 \\）");
    }
    if (name.contains("..")) {
      throw new RefusedInput("文件名“" + shown + "”不能含有“..”");
    }
    if (name.codePoints().anyMatch(FileName::invisible)) {
      throw new RefusedInput("文件名“" + shown + "”含有控制字符，请改名后重新上传");
    }
    if (name.chars().anyMatch(c -> WINDOWS_RESERVED.indexOf(c) >= 0)) {
      throw new RefusedInput("文件名“" + shown + "”不能含有以下字符：< > : \" | ? *");
    }
    if (!name.equals(name.strip()) || name.endsWith(".")) {
      throw new RefusedInput("文件名“" + shown + "”不能以空格开头或结尾，也不能以“.”结尾");
    }
    if (extension(name).isEmpty()) {
      throw new RefusedInput("文件“" + shown + "”没有扩展名（如 .pdf、.docx），无法确认类型");
    }
    return name;
  }

  /** {@code 会议记录.PDF} → {@code pdf}; empty without one. */
  static String extension(String name) {
    int dot = name.lastIndexOf('.');
    return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  /** The name as a message can show it: control characters written out, shortened when long. */
  static String shown(String name) {
    StringBuilder shown = new StringBuilder();
    name.codePoints().limit(60).forEach(c -> {
      if (invisible(c)) {
        shown.append(String.format("\\u%04X", c));
      } else {
        shown.appendCodePoint(c);
      }
    });
    return name.codePointCount(0, name.length()) > 60 ? shown + "…" : shown.toString();
  }

  /** Control characters, and format characters such as the right-to-left override that disguises an extension. */
  private static boolean invisible(int c) {
    int type = Character.getType(c);
    return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR || type == Character.UNASSIGNED || type == Character.SURROGATE;
  }
}
