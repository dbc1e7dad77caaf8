package cn.zhenggai.rectification.rounds;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A round's source text cut into stretches, each either plain or the source sentence of one problem, so a page can
 * show the text with each problem's sentence marked (and escape every stretch as text). Problems without a place in the
 * text, with a place outside it, or overlapping an earlier marked one are not marked.
 */
public final class SourceSegments {

  /** A stretch of the text; {@code problem} is the number of the problem quoting it, or null. */
  public record Segment(String text, String problem) {}

  private SourceSegments() {}

  public static List<Segment> of(String text, List<DraftProblem> problems) {
    List<Segment> segments = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return segments;
    }
    List<DraftProblem> placed = problems.stream()
        .filter(p -> p.sourceStart() != null && p.sourceEnd() != null && p.sourceStart() >= 0
            && p.sourceStart() < p.sourceEnd() && p.sourceEnd() <= text.length())
        .sorted(Comparator.comparing(DraftProblem::sourceStart))
        .toList();
    int at = 0;
    for (DraftProblem problem : placed) {
      if (problem.sourceStart() < at) {
        continue;
      }
      if (problem.sourceStart() > at) {
        segments.add(new Segment(text.substring(at, problem.sourceStart()), null));
      }
      segments.add(new Segment(text.substring(problem.sourceStart(), problem.sourceEnd()), problem.number()));
      at = problem.sourceEnd();
    }
    if (at < text.length()) {
      segments.add(new Segment(text.substring(at), null));
    }
    return segments;
  }
}
