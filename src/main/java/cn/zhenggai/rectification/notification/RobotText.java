package cn.zhenggai.rectification.notification;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A notice as a group robot posts it: short plain text in Chinese with the Tasklist link, under the robots' 2,048
 * bytes together with the mentions DingTalk needs in the text. A long problem title is shortened, never the link.
 */
final class RobotText {

  /** Bytes (UTF-8) of the text and its mentions together; the robots take at most 2,048. */
  static final int LIMIT = 2000;

  private RobotText() {}

  static String of(String kind, Map<String, Object> model, String when, String note, List<String> mobiles) {
    String head = "【" + kind + "】" + model.get("unitName") + " · " + model.get("stage") + " · " + when + "\n问题 "
        + model.get("problemId") + " ";
    String tail = "\n截止日期：" + model.get("due") + (note == null ? "" : "\n" + note) + "\n办理：" + model.get("link");
    int mentions = mobiles.stream().mapToInt(mobile -> bytes(mobile) + 2).sum();
    int room = LIMIT - mentions - bytes(head) - bytes(tail);
    return head + cut(String.valueOf(model.get("problemTitle")), room) + tail;
  }

  /** The text cut to at most this many bytes, whole characters only, marked with an ellipsis when cut. */
  static String cut(String text, int maxBytes) {
    if (bytes(text) <= maxBytes) {
      return text;
    }
    StringBuilder kept = new StringBuilder();
    int used = bytes("…");
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      String character = new String(Character.toChars(codePoint));
      if (used + bytes(character) > maxBytes) {
        break;
      }
      kept.append(character);
      used += bytes(character);
      i += Character.charCount(codePoint);
    }
    return kept + "…";
  }

  private static int bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
