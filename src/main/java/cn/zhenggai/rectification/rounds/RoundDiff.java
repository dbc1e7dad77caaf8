package cn.zhenggai.rectification.rounds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** What an edit changed, in words for the round's log: {@code 修改 2.1（标题、责任单位）；新增 5.1；删除 3.3}. */
final class RoundDiff {

  private static final Map<String, Function<DraftProblem, Object>> FIELDS = new LinkedHashMap<>();

  static {
    FIELDS.put("类别", DraftProblem::category);
    FIELDS.put("标题", DraftProblem::title);
    FIELDS.put("原文", DraftProblem::source);
    FIELDS.put("建议措施", DraftProblem::measures);
    FIELDS.put("责任单位", DraftProblem::units);
    FIELDS.put("督导单位", DraftProblem::supervisors);
    FIELDS.put("整改时限", DraftProblem::deadline);
  }

  private RoundDiff() {}

  static String problems(List<DraftProblem> before, List<DraftProblem> after) {
    Map<String, DraftProblem> old = byNumber(before);
    Map<String, DraftProblem> now = byNumber(after);
    List<String> parts = new ArrayList<>();
    for (DraftProblem problem : after) {
      DraftProblem was = old.get(problem.number());
      if (was == null) {
        parts.add("新增 " + problem.number());
      } else {
        List<String> changed = FIELDS.entrySet().stream()
            .filter(field -> !Objects.equals(field.getValue().apply(was), field.getValue().apply(problem)))
            .map(Map.Entry::getKey).toList();
        if (!changed.isEmpty()) {
          parts.add("修改 " + problem.number() + "（" + String.join("、", changed) + "）");
        }
      }
    }
    before.stream().filter(problem -> !now.containsKey(problem.number()))
        .forEach(problem -> parts.add("删除 " + problem.number()));
    if (parts.isEmpty() && !before.stream().map(DraftProblem::number).toList()
        .equals(after.stream().map(DraftProblem::number).toList())) {
      parts.add("调整顺序");
    }
    return String.join("；", parts);
  }

  static String header(Round round, RoundForm form) {
    List<String> parts = new ArrayList<>();
    if (!Objects.equals(round.name(), form.name().strip())) {
      parts.add("名称改为“" + form.name().strip() + "”");
    }
    if (!Objects.equals(round.kind(), form.kind())) {
      parts.add("类型改为" + form.kind());
    }
    if (!Objects.equals(round.heldOn(), form.heldOn())) {
      parts.add("日期改为 " + form.heldOn());
    }
    if (!Objects.equals(round.defaultDeadline(), form.defaultDeadline())) {
      parts.add("默认时限改为 " + form.defaultDeadline());
    }
    if (!Objects.equals(round.lookBackAfter(), form.lookBackPeriod())) {
      parts.add("回头看时间改为 " + (form.lookBackPeriod() == null ? "系统默认" : form.lookBackPeriod()));
    }
    return parts.isEmpty() ? "无变化" : String.join("，", parts);
  }

  private static Map<String, DraftProblem> byNumber(List<DraftProblem> problems) {
    Map<String, DraftProblem> map = new LinkedHashMap<>();
    problems.forEach(problem -> map.putIfAbsent(problem.number(), problem));
    return map;
  }
}
