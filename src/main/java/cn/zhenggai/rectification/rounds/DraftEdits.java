package cn.zhenggai.rectification.rounds;

import cn.zhenggai.rectification.vocabulary.RefusedInput;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The structural edits of a draft problem list, as the round page offers them: delete, move up or down, merge with the
 * next, split, add. Each returns a new list, numbered afresh: a problem keeps its section (the integer part of its
 * number), sub-numbers count 1, 2, 3… per section down the list, and a problem without a section (a new one) joins the
 * section of the problem before it. A section that comes back further down the list (a problem moved past another
 * section) continues its count there, so two problems never share a number.
 */
public final class DraftEdits {

  /** Where a source may be cut: after these, as the speech separates clauses and sentences. */
  static final String CLAUSE_ENDS = "；;。！？!?，,—";
  static final int MAX_TITLE = 30;

  private DraftEdits() {}

  /** Numbers assigned afresh, in list order. */
  public static List<DraftProblem> renumber(List<DraftProblem> problems) {
    Map<Integer, Integer> counts = new HashMap<>();
    List<DraftProblem> numbered = new ArrayList<>(problems.size());
    int section = 1;
    for (DraftProblem problem : problems) {
      Integer own = section(problem.number());
      section = own != null ? own : section;
      int sub = counts.merge(section, 1, Integer::sum);
      numbered.add(withNumber(problem, section + "." + sub));
    }
    return List.copyOf(numbered);
  }

  public static List<DraftProblem> delete(List<DraftProblem> problems, int index) {
    check(problems, index);
    List<DraftProblem> edited = new ArrayList<>(problems);
    edited.remove(index);
    return renumber(edited);
  }

  public static List<DraftProblem> moveUp(List<DraftProblem> problems, int index) {
    check(problems, index);
    return index == 0 ? renumber(problems) : swap(problems, index - 1);
  }

  public static List<DraftProblem> moveDown(List<DraftProblem> problems, int index) {
    check(problems, index);
    return index == problems.size() - 1 ? renumber(problems) : swap(problems, index);
  }

  /** A new problem at the end of the list, in the last problem's section, with the round's deadline and supervisors. */
  public static List<DraftProblem> add(List<DraftProblem> problems, LocalDate deadline, List<String> supervisors) {
    List<DraftProblem> edited = new ArrayList<>(problems);
    edited.add(new DraftProblem(null, problems.isEmpty() ? "" : problems.get(problems.size() - 1).category(), "", "",
        null, null, List.of(), List.of(), supervisors, deadline, null));
    return renumber(edited);
  }

  /**
   * The problem and the next one become one, in the first one's place and section: titles and sources joined (the
   * source is the stretch of the round's text from the first to the last when both come from it), measures, units and
   * supervisors together, the earlier deadline.
   */
  public static List<DraftProblem> mergeWithNext(List<DraftProblem> problems, int index, String sourceText) {
    check(problems, index);
    if (index == problems.size() - 1) {
      throw new RefusedInput("最后一个问题后面没有可合并的问题");
    }
    DraftProblem first = problems.get(index);
    DraftProblem second = problems.get(index + 1);
    Integer start = null;
    Integer end = null;
    String source = join(first.source(), second.source(), "");
    if (inText(first, sourceText) && inText(second, sourceText)) {
      start = Math.min(first.sourceStart(), second.sourceStart());
      end = Math.max(first.sourceEnd(), second.sourceEnd());
      source = sourceText.substring(start, end);
    }
    DraftProblem merged = new DraftProblem(first.number(), blank(first.category()) ? second.category() : first.category(),
        join(first.title(), second.title(), "；"), source, start, end, union(first.measures(), second.measures()),
        union(first.units(), second.units()), union(first.supervisors(), second.supervisors()),
        earlier(first.deadline(), second.deadline()), first.carriedFrom() != null ? first.carriedFrom() : second.carriedFrom());
    List<DraftProblem> edited = new ArrayList<>(problems);
    edited.set(index, merged);
    edited.remove(index + 1);
    return renumber(edited);
  }

  /**
   * The problem cut in two at {@code at} (a place in its source, one of {@link #splitPoints}): the first part keeps
   * the title, the second is titled by its first words; both keep category, measures, units, supervisors and deadline,
   * and the second follows the first in its section.
   */
  public static List<DraftProblem> split(List<DraftProblem> problems, int index, int at) {
    check(problems, index);
    DraftProblem problem = problems.get(index);
    String source = problem.source() == null ? "" : problem.source();
    if (!splitPoints(source).contains(at)) {
      throw new RefusedInput("问题 " + problem.number() + " 的原文不能在第 " + at + " 个字处拆分");
    }
    int[] head = trimmed(source, 0, at);
    int[] tail = trimmed(source, at, source.length());
    Integer offset = problem.sourceStart() != null && problem.sourceEnd() != null ? problem.sourceStart() : null;
    DraftProblem first = part(problem, problem.number(), problem.title(), source, head, offset);
    DraftProblem second = part(problem, problem.number(), title(source.substring(tail[0], tail[1])), source, tail, offset);
    List<DraftProblem> edited = new ArrayList<>(problems);
    edited.set(index, first);
    edited.add(index + 1, second);
    return renumber(edited);
  }

  /** The places after each clause or sentence end (；。，—) where a source may be cut, leaving text on both sides. */
  public static List<Integer> splitPoints(String source) {
    List<Integer> points = new ArrayList<>();
    if (source == null) {
      return points;
    }
    for (int i = 0; i < source.length(); i++) {
      if (CLAUSE_ENDS.indexOf(source.charAt(i)) >= 0) {
        int at = i + 1;
        while (at < source.length() && source.charAt(at) == '—') {
          at++;
        }
        i = at - 1;
        if (!source.substring(0, at).replaceAll("[\\s" + CLAUSE_ENDS + "]", "").isEmpty()
            && !source.substring(at).replaceAll("[\\s" + CLAUSE_ENDS + "]", "").isEmpty()) {
          points.add(at);
        }
      }
    }
    return points;
  }

  /** A short title from a source's first words: up to the first clause end, at most 30 characters. */
  public static String title(String source) {
    String text = source == null ? "" : source.strip();
    int end = text.length();
    for (int i = 0; i < text.length(); i++) {
      if (CLAUSE_ENDS.indexOf(text.charAt(i)) >= 0) {
        end = i;
        break;
      }
    }
    String title = text.substring(0, end).strip();
    return title.length() > MAX_TITLE ? title.substring(0, MAX_TITLE) : title;
  }

  /** The section of a number ({@code 2} of {@code 2.3}), or null when it has none. */
  static Integer section(String number) {
    if (number == null) {
      return null;
    }
    String head = number.strip().replaceFirst("\\..*", "");
    return head.matches("\\d{1,6}") ? Integer.valueOf(head) : null;
  }

  private static DraftProblem part(DraftProblem problem, String number, String title, String source, int[] span,
      Integer offset) {
    return new DraftProblem(number, problem.category(), title, source.substring(span[0], span[1]),
        offset == null ? null : offset + span[0], offset == null ? null : offset + span[1], problem.measures(),
        problem.units(), problem.supervisors(), problem.deadline(), problem.carriedFrom());
  }

  /** {@code [from, to)} without the blanks at either end. */
  private static int[] trimmed(String text, int from, int to) {
    while (from < to && blank(text.charAt(from))) {
      from++;
    }
    while (to > from && blank(text.charAt(to - 1))) {
      to--;
    }
    return new int[] {from, to};
  }

  private static List<DraftProblem> swap(List<DraftProblem> problems, int upper) {
    List<DraftProblem> edited = new ArrayList<>(problems);
    edited.set(upper, problems.get(upper + 1));
    edited.set(upper + 1, problems.get(upper));
    return renumber(edited);
  }

  private static boolean inText(DraftProblem problem, String text) {
    return text != null && problem.sourceStart() != null && problem.sourceEnd() != null && problem.sourceStart() >= 0
        && problem.sourceStart() <= problem.sourceEnd() && problem.sourceEnd() <= text.length();
  }

  private static DraftProblem withNumber(DraftProblem p, String number) {
    return new DraftProblem(number, p.category(), p.title(), p.source(), p.sourceStart(), p.sourceEnd(), p.measures(),
        p.units(), p.supervisors(), p.deadline(), p.carriedFrom());
  }

  private static String join(String first, String second, String separator) {
    if (blank(first)) {
      return second;
    }
    return blank(second) || Objects.equals(first, second) ? first : first + separator + second;
  }

  private static List<String> union(List<String> first, List<String> second) {
    return List.copyOf(new LinkedHashSet<>(Stream.concat(first.stream(), second.stream()).toList()));
  }

  private static LocalDate earlier(LocalDate first, LocalDate second) {
    if (first == null || second == null) {
      return first == null ? second : first;
    }
    return first.isBefore(second) ? first : second;
  }

  private static boolean blank(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  private static void check(List<DraftProblem> problems, int index) {
    if (index < 0 || index >= problems.size()) {
      throw new RefusedInput("问题清单中没有第 " + (index + 1) + " 项");
    }
  }
}
