package cn.zhenggai.rectification.speech;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The requirements after the shortcomings (一要……, 要……), one sentence each, matched to a problem by the character
 * pairs they share: a pair rare in the requirements weighs more, a pair common in such texts not at all.
 */
final class Measures {

  static final int MAX_PER_PROBLEM = 5;
  private static final int MIN_SHARED = 2;
  private static final int MIN_LENGTH = 8;

  /** Words that say something must be done; 要 not inside 重要, 主要, 需要 …. */
  private static final Pattern CUE = Pattern.compile(
      "(?<![重主需只紧纲])要(?![求点])|必须|务必|应当|坚持|加强|推进|健全|完善|落实|建立|开展|强化|严格|严肃|深入|提升|持续|推动|确保|抓好|夯实");
  /** The speaker's own transitions and farewells. */
  private static final Pattern SPEAKER = Pattern.compile("我讲|讲几点|就讲这些|散会|大家都知道|同志们");
  /** Pairs on nearly every line of such texts: they say nothing about which measure fits. */
  private static final Set<String> COMMON = Set.of("工作", "基层", "党建", "党组", "组织", "问题", "建设", "加强", "推进",
      "进一步", "一步", "坚持", "各级", "全面", "持续", "深入", "落实", "提升", "做到", "我们", "存在", "不够", "能力",
      "党的", "开展", "推动", "要求", "情况", "有的", "个别", "部分", "少数", "一些", "没有", "还有", "不足", "切实", "认真");

  private final List<String> candidates;
  private final List<Set<String>> pairs;
  private final Map<String, Integer> frequency = new HashMap<>();

  private Measures(List<String> candidates) {
    this.candidates = candidates;
    this.pairs = candidates.stream().map(Measures::pairsOf).toList();
    pairs.forEach(set -> set.forEach(pair -> frequency.merge(pair, 1, Integer::sum)));
  }

  /** The requirement sentences after {@code from}, without their numbering (一要, （一）, 1. …). */
  static Measures after(String text, int from) {
    List<String> candidates = new ArrayList<>();
    for (Span sentence : Clauses.sentences(text, new Span(from, text.length()))) {
      String measure = withoutMarker(text, sentence).cleaned(text).of(text);
      if (measure.length() >= MIN_LENGTH && CUE.matcher(measure).find() && !SPEAKER.matcher(measure).find()) {
        candidates.add(measure);
      }
    }
    return new Measures(List.copyOf(candidates));
  }

  boolean isEmpty() {
    return candidates.isEmpty();
  }

  /** Up to five measures sharing at least two telling pairs with the problem, best first. */
  List<String> forProblem(String problem) {
    Set<String> wanted = pairsOf(problem);
    int common = Math.max(3, candidates.size() / 5);
    record Scored(String measure, int index, int shared, double score) {}
    List<Scored> scored = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      int shared = 0;
      double score = 0;
      for (String pair : pairs.get(i)) {
        int count = frequency.get(pair);
        if (wanted.contains(pair) && count <= common) {
          shared++;
          score += Math.log(1.0 + (double) candidates.size() / count);
        }
      }
      if (shared >= MIN_SHARED) {
        scored.add(new Scored(candidates.get(i), i, shared, score));
      }
    }
    return scored.stream()
        .sorted(Comparator.comparingDouble(Scored::score).reversed().thenComparingInt(Scored::index))
        .map(Scored::measure).distinct().limit(MAX_PER_PROBLEM).toList();
  }

  private static Span withoutMarker(String text, Span sentence) {
    for (MarkerStyle style : MarkerStyle.values()) {
      var matcher = style.pattern.matcher(text).region(sentence.start(), sentence.end());
      if (matcher.lookingAt()) {
        return new Span(matcher.end(), sentence.end());
      }
    }
    return sentence;
  }

  private static Set<String> pairsOf(String text) {
    Set<String> pairs = new LinkedHashSet<>();
    for (int i = 0; i + 1 < text.length(); i++) {
      if (Chinese.isHan(text.charAt(i)) && Chinese.isHan(text.charAt(i + 1))) {
        String pair = text.substring(i, i + 2);
        if (!COMMON.contains(pair)) {
          pairs.add(pair);
        }
      }
    }
    return pairs;
  }
}
