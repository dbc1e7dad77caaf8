package cn.zhenggai.rectification.speech;

/** A stretch {@code [start, end)} of the imported text; what the importer proposes is always such a stretch, verbatim. */
record Span(int start, int end) {

  boolean isEmpty() {
    return end <= start;
  }

  String of(String text) {
    return text.substring(start, end);
  }

  /** Without the blanks around it (including the no-break spaces that indent paragraphs). */
  Span trimmed(String text) {
    int s = start;
    int e = end;
    while (s < e && Chinese.isBlank(text.charAt(s))) {
      s++;
    }
    while (e > s && Chinese.isBlank(text.charAt(e - 1))) {
      e--;
    }
    return new Span(s, e);
  }

  /** Trimmed, without separators at either end (a sentence keeps its full stop). */
  Span cleaned(String text) {
    Span span = trimmed(text);
    int s = span.start;
    int e = span.end;
    while (s < e && Chinese.SEPARATORS.indexOf(text.charAt(s)) >= 0) {
      s++;
    }
    while (e > s && Chinese.SEPARATORS.indexOf(text.charAt(e - 1)) >= 0) {
      e--;
    }
    return new Span(s, e).trimmed(text);
  }
}
