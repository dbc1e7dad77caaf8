package cn.zhenggai.rectification.speech;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The text's lines, each a paragraph (blank ones included, so that indexes follow the text). */
final class Paragraphs {

  private final String text;
  private final int[] starts;

  Paragraphs(String text) {
    this.text = text;
    List<Integer> found = new ArrayList<>(List.of(0));
    for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      found.add(i + 1);
    }
    starts = found.stream().mapToInt(Integer::intValue).toArray();
  }

  int count() {
    return starts.length;
  }

  int indexAt(int position) {
    int found = Arrays.binarySearch(starts, position);
    return found >= 0 ? found : -found - 2;
  }

  Span span(int paragraph) {
    int end = paragraph + 1 < starts.length ? starts[paragraph + 1] - 1 : text.length();
    return new Span(starts[paragraph], end);
  }

  /** The paragraph's text without its indentation. */
  Span content(int paragraph) {
    return span(paragraph).trimmed(text);
  }

  boolean isBlank(int paragraph) {
    return content(paragraph).isEmpty();
  }

  /** Whether only indentation stands before {@code position} in its paragraph. */
  boolean opensAt(int paragraph, int position) {
    return content(paragraph).start() == position;
  }

  /** The first paragraph after {@code paragraph} with words in it, or {@link #count()}. */
  int nextFilled(int paragraph) {
    int next = paragraph + 1;
    while (next < starts.length && isBlank(next)) {
      next++;
    }
    return next;
  }
}
