package cn.zhenggai.rectification.speech;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads one numbered section of the shortcomings: the heading (一是理论学习存在差距。) is the category, the rest its
 * problems, either numbered (1. ……2. ……) or one sentence each, a sentence being cut where a comma starts another
 * shortcoming (……，还没有形成……).
 */
final class SectionReader {

  /** A section's category ("" when it has no heading) and the spans of its problems. */
  record SectionProblems(String category, List<Span> problems) {}

  private static final int MAX_CATEGORY = 30;

  private SectionReader() {}

  static SectionProblems read(String text, ShortcomingsPart.Section section, List<Marker> markers,
      MarkerStyle sectionStyle) {
    Span body = section.body();
    int stop = Clauses.firstOutsideQuotes(text, body.start(), body.end(), "。！？!?：:\n；;");
    Span head = new Span(body.start(), stop).cleaned(text);
    boolean headed = stop < body.end() && "；;".indexOf(text.charAt(stop)) < 0
        && head.end() - head.start() >= 2 && head.end() - head.start() <= MAX_CATEGORY
        && !Chinese.PROBLEM_LEAD.matcher(head.of(text)).find();
    if (!headed) {
      return new SectionProblems("", problems(text, body, markers, sectionStyle));
    }
    Span rest = new Span(stop + 1, body.end()).trimmed(text);
    List<Span> problems = rest.isEmpty() ? List.of() : problems(text, rest, markers, sectionStyle);
    if (problems.isEmpty()) {
      problems = List.of(sentenceOf(text, head, stop));
    }
    return new SectionProblems(head.of(text), problems);
  }

  /** A heading that is the section's only problem keeps its full stop. */
  private static Span sentenceOf(String text, Span head, int stop) {
    boolean fullStop = Chinese.SENTENCE_ENDS.indexOf(text.charAt(stop)) >= 0;
    return fullStop ? new Span(head.start(), stop + 1) : head;
  }

  private static List<Span> problems(String text, Span body, List<Marker> markers, MarkerStyle sectionStyle) {
    List<Marker> numbered = numbered(body, markers, sectionStyle);
    return numbered.size() >= 2 ? items(text, body, numbered) : sentences(text, body);
  }

  /** A numbered list inside the section (1. 2., （1）（2）, 一是 二是 …) in another style than the sections'. */
  private static List<Marker> numbered(Span body, List<Marker> markers, MarkerStyle sectionStyle) {
    List<Marker> list = new ArrayList<>();
    for (Marker marker : markers) {
      if (marker.start() < body.start() || marker.end() > body.end() || marker.style() == sectionStyle
          || marker.style() == MarkerStyle.HEADING || marker.style() == MarkerStyle.MUST) {
        continue;
      }
      if (list.isEmpty() ? marker.number() == 1
          : marker.style() == list.get(0).style() && marker.number() == list.get(list.size() - 1).number() + 1) {
        list.add(marker);
      }
    }
    return list;
  }

  private static List<Span> items(String text, Span body, List<Marker> numbered) {
    List<Span> items = new ArrayList<>();
    for (int i = 0; i < numbered.size(); i++) {
      int end = i + 1 < numbered.size() ? numbered.get(i + 1).start() : body.end();
      List<Span> sentences = Clauses.sentences(text, new Span(numbered.get(i).end(), end));
      int kept = 1;
      while (kept < sentences.size() && !closing(text, sentences.get(kept))) {
        kept++;
      }
      if (!sentences.isEmpty()) {
        items.add(new Span(sentences.get(0).start(), sentences.get(kept - 1).end()).cleaned(text));
      }
    }
    return items;
  }

  private static List<Span> sentences(String text, Span body) {
    List<Span> problems = new ArrayList<>();
    for (Span sentence : Clauses.sentences(text, body)) {
      if (closing(text, sentence)) {
        break;
      }
      for (Span part : Clauses.shortcomings(text, sentence)) {
        Span problem = part.cleaned(text);
        if (problem.isEmpty()) {
          continue;
        }
        if (!problems.isEmpty() && Chinese.DETAIL.matcher(problem.of(text)).find()) {
          Span previous = problems.remove(problems.size() - 1);
          problems.add(new Span(previous.start(), problem.end()));
        } else {
          problems.add(problem);
        }
      }
    }
    return problems;
  }

  private static boolean closing(String text, Span sentence) {
    return Chinese.CLOSING_SENTENCE.matcher(sentence.of(text)).find();
  }
}
