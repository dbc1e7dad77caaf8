package cn.zhenggai.rectification.speech;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Cuts text into sentences and clauses, never inside quotation marks or brackets. */
final class Clauses {

  /** After a comma, the start of another shortcoming: 有的……, 还没有……, 共建共治共享还没有……. */
  private static final Pattern NEXT_SHORTCOMING = Pattern.compile(
      "(极个别|个别|有的|有些|少数|部分|一些)|(?![在对把从与和向以为于给将就])[^，,。；;、]{0,10}?(还|仍|尚)(没有|未|不|存在|有待)");

  private Clauses() {}

  /** Sentences: each ends after 。！？ (with the closing quotes right after it), or before ；or a line break. */
  static List<Span> sentences(String text, Span span) {
    List<Span> sentences = new ArrayList<>();
    int depth = 0;
    int start = span.start();
    for (int i = span.start(); i < span.end(); i++) {
      char c = text.charAt(i);
      if (Chinese.OPENING.indexOf(c) >= 0) {
        depth++;
      } else if (Chinese.CLOSING.indexOf(c) >= 0) {
        depth = Math.max(0, depth - 1);
      } else if (c == '\n') {
        depth = 0;
        add(sentences, text, start, i);
        start = i + 1;
      } else if (depth == 0 && (c == '；' || c == ';')) {
        add(sentences, text, start, i);
        start = i + 1;
      } else if (depth == 0 && Chinese.SENTENCE_ENDS.indexOf(c) >= 0) {
        int end = i + 1;
        while (end < span.end() && Chinese.CLOSING.indexOf(text.charAt(end)) >= 0) {
          end++;
        }
        add(sentences, text, start, end);
        start = end;
        i = end - 1;
      }
    }
    add(sentences, text, start, span.end());
    return sentences;
  }

  /** A sentence cut before each comma that starts another shortcoming; the comma belongs to neither part. */
  static List<Span> shortcomings(String text, Span sentence) {
    List<Span> parts = new ArrayList<>();
    int depth = 0;
    int start = sentence.start();
    for (int i = sentence.start(); i < sentence.end(); i++) {
      char c = text.charAt(i);
      if (Chinese.OPENING.indexOf(c) >= 0) {
        depth++;
      } else if (Chinese.CLOSING.indexOf(c) >= 0) {
        depth = Math.max(0, depth - 1);
      } else if (depth == 0 && (c == '，' || c == ',')
          && NEXT_SHORTCOMING.matcher(text).region(i + 1, sentence.end()).lookingAt()) {
        add(parts, text, start, i);
        start = i + 1;
      }
    }
    add(parts, text, start, sentence.end());
    return parts;
  }

  /** The first position at or after {@code from} and before {@code end} of one of {@code marks}, outside quotes. */
  static int firstOutsideQuotes(String text, int from, int end, String marks) {
    int depth = 0;
    for (int i = from; i < end; i++) {
      char c = text.charAt(i);
      if (Chinese.OPENING.indexOf(c) >= 0) {
        depth++;
      } else if (Chinese.CLOSING.indexOf(c) >= 0) {
        depth = Math.max(0, depth - 1);
      } else if (depth == 0 && marks.indexOf(c) >= 0) {
        return i;
      }
    }
    return end;
  }

  private static void add(List<Span> spans, String text, int start, int end) {
    Span span = new Span(start, end).trimmed(text);
    if (!span.isEmpty()) {
      spans.add(span);
    }
  }
}
