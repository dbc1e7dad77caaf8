package cn.zhenggai.rectification.speech;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;

/** One numbering mark in the text (一是, （二）, 3.), with the paragraph it stands in. */
record Marker(MarkerStyle style, int number, int start, int end, int paragraph, boolean opensParagraph) {

  /** Every marker of the text, in text order. */
  static List<Marker> all(String text, Paragraphs paragraphs) {
    List<Marker> markers = new ArrayList<>();
    for (MarkerStyle style : MarkerStyle.values()) {
      Matcher matcher = style.pattern.matcher(text);
      while (matcher.find()) {
        int paragraph = paragraphs.indexAt(matcher.start());
        boolean opens = paragraphs.opensAt(paragraph, matcher.start());
        int number = style.ordinal(matcher.group(1));
        if (number > 0 && (opens || follows(text, matcher.start(), style.after))) {
          markers.add(new Marker(style, number, matcher.start(), matcher.end(), paragraph, opens));
        }
      }
    }
    markers.sort(Comparator.comparingInt(Marker::start));
    return List.copyOf(markers);
  }

  private static boolean follows(String text, int position, String marks) {
    int before = position - 1;
    while (before >= 0 && Chinese.isBlank(text.charAt(before)) && text.charAt(before) != '\n') {
      before--;
    }
    return before >= 0 && marks.indexOf(text.charAt(before)) >= 0;
  }
}
