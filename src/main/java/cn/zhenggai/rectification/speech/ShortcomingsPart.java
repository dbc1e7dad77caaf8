package cn.zhenggai.rectification.speech;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of a speech or report that lists the shortcomings: a numbered list (一是……二是……, （一）……, 一、……, 第一，……,
 * 1. ……) that starts right after words like 差距和不足 or 存在的问题, in the same paragraph or the next one. Achievements
 * and requirements are numbered the same way; they are told apart by where the list starts and by what it says.
 */
record ShortcomingsPart(MarkerStyle style, List<Section> sections, int end, List<Marker> markers) {

  /** One numbered point: its marker and the text after it, up to the next point. */
  record Section(Marker marker, Span body) {}

  private static final Pattern INTRODUCTION = Pattern.compile(
      "差距和不足|问题和不足|不足和问题|差距和问题|不足之处|短板|薄弱环节|但也要看到|但也应当?看到|同时也要看到"
          + "|(存在|反馈|发现|指出|查出|检查)(出|着)?了?的?(一些|不少|以下|如下)?(突出|主要|具体)?问题|主要问题");

  /** A short paragraph that opens the requirements or a closing part. */
  private static final Pattern NEXT_PART_HEADING = Pattern.compile("要求|意见|建议|下一步|措施|打算|情况说明");
  private static final int HEADING_LENGTH = 40;
  private static final double SHORTCOMING_SHARE = 0.5;

  /** The first list that follows an introduction and is mostly about shortcomings. */
  static Optional<ShortcomingsPart> find(String text) {
    Paragraphs paragraphs = new Paragraphs(text);
    List<Marker> markers = Marker.all(text, paragraphs);
    Matcher introduction = INTRODUCTION.matcher(text);
    while (introduction.find()) {
      Optional<ShortcomingsPart> part = listAfter(text, introduction, paragraphs, markers)
          .filter(found -> found.aboutShortcomings(text));
      if (part.isPresent()) {
        return part;
      }
    }
    return Optional.empty();
  }

  private static Optional<ShortcomingsPart> listAfter(String text, Matcher introduction, Paragraphs paragraphs,
      List<Marker> markers) {
    int paragraph = paragraphs.indexAt(introduction.start());
    int lastParagraph = paragraphs.nextFilled(paragraph);
    if (paragraphs.content(paragraph).end() - paragraphs.content(paragraph).start() <= HEADING_LENGTH) {
      lastParagraph = paragraphs.nextFilled(lastParagraph); // a heading may be followed by a short introduction
    }
    for (Marker marker : markers) {
      if (marker.start() >= introduction.end() && marker.paragraph() <= lastParagraph && marker.number() == 1
          && marker.style() != MarkerStyle.MUST) {
        return Optional.of(build(text, paragraphs, markers, marker));
      }
    }
    return Optional.empty();
  }

  private static ShortcomingsPart build(String text, Paragraphs paragraphs, List<Marker> markers, Marker first) {
    boolean inline = !first.opensParagraph();
    List<Marker> sequence = new ArrayList<>(List.of(first));
    for (Marker marker : markers) {
      Marker last = sequence.get(sequence.size() - 1);
      if (marker.start() <= last.start() || marker.style() != first.style()) {
        continue;
      }
      boolean placed = inline ? marker.paragraph() == first.paragraph() : marker.opensParagraph();
      if (placed && marker.number() == last.number() + 1 && !brokenBetween(text, paragraphs, markers, first.style(),
          last.paragraph(), marker.paragraph())) {
        sequence.add(marker);
      } else if (placed && marker.number() <= last.number()) {
        break;
      }
    }
    Marker last = sequence.get(sequence.size() - 1);
    int end = inline ? paragraphs.span(first.paragraph()).end()
        : paragraphs.span(lastParagraphOf(text, paragraphs, markers, last)).end();
    List<Section> sections = new ArrayList<>();
    for (int i = 0; i < sequence.size(); i++) {
      int bodyEnd = i + 1 < sequence.size() ? sequence.get(i + 1).start() : end;
      sections.add(new Section(sequence.get(i), new Span(sequence.get(i).end(), bodyEnd).trimmed(text)));
    }
    return new ShortcomingsPart(first.style(), List.copyOf(sections), end, markers);
  }

  /** The last section runs on over paragraphs that read as more of its problems. */
  private static int lastParagraphOf(String text, Paragraphs paragraphs, List<Marker> markers, Marker last) {
    int paragraph = last.paragraph();
    boolean headingOnly = paragraphs.content(paragraph).end() - last.end() <= HEADING_LENGTH;
    for (int next = paragraphs.nextFilled(paragraph); next < paragraphs.count(); next = paragraphs.nextFilled(next)) {
      if (breaks(text, paragraphs, markers, last.style(), next)) {
        break;
      }
      String content = paragraphs.content(next).of(text);
      boolean subPoint = opensWithSubPoint(markers, last.style(), next) || Chinese.LEAD.matcher(content).find();
      if (!subPoint && !headingOnly) {
        break;
      }
      paragraph = next;
      headingOnly = false;
    }
    return paragraph;
  }

  private static boolean brokenBetween(String text, Paragraphs paragraphs, List<Marker> markers, MarkerStyle style,
      int from, int to) {
    for (int paragraph = from + 1; paragraph < to; paragraph++) {
      if (!paragraphs.isBlank(paragraph) && breaks(text, paragraphs, markers, style, paragraph)) {
        return true;
      }
    }
    return false;
  }

  /** A paragraph that ends the list: a higher heading, a look back on the problems, or the requirements' heading. */
  private static boolean breaks(String text, Paragraphs paragraphs, List<Marker> markers, MarkerStyle style,
      int paragraph) {
    Span content = paragraphs.content(paragraph);
    boolean heading = markers.stream().anyMatch(m -> m.paragraph() == paragraph && m.opensParagraph()
        && (m.style() == MarkerStyle.HEADING || m.style() == MarkerStyle.MUST) && m.style() != style);
    List<Span> sentences = Clauses.sentences(text, content);
    boolean closing = !sentences.isEmpty() && Chinese.CLOSING_SENTENCE.matcher(sentences.get(0).of(text)).find();
    boolean nextPart = content.end() - content.start() <= HEADING_LENGTH
        && NEXT_PART_HEADING.matcher(content.of(text)).find();
    return heading || closing || nextPart;
  }

  private static boolean opensWithSubPoint(List<Marker> markers, MarkerStyle style, int paragraph) {
    return markers.stream().anyMatch(m -> m.paragraph() == paragraph && m.opensParagraph() && m.style() != style
        && m.style() != MarkerStyle.HEADING && m.style() != MarkerStyle.MUST);
  }

  private boolean aboutShortcomings(String text) {
    long shortcomings = sections.stream().filter(s -> Chinese.SHORTCOMING.matcher(s.body().of(text)).find()).count();
    return shortcomings >= sections.size() * SHORTCOMING_SHARE;
  }
}
