package cn.zhenggai.rectification.problem;

import cn.zhenggai.rectification.organization.Organization;
import cn.zhenggai.rectification.organization.Organization.Group;
import cn.zhenggai.rectification.organization.SeedFileException;
import cn.zhenggai.rectification.organization.SeedYaml;
import cn.zhenggai.rectification.vocabulary.GroupType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A round's problem list (问题清单), checked against the organization: the seed file {@code seeds/problems.yaml} (the
 * demo round, with its {@code round} header) and every draft a supervisor edits pass the same checks.
 */
public record ProblemList(RoundHeader round, List<Problem> problems) {

  private static final Pattern ID = Pattern.compile("\\d+(\\.\\d+)*");
  static final int MAX_NUMBER = 20;
  static final int MAX_TITLE = 200;
  static final int MAX_CATEGORY = 200;
  static final int MAX_SOURCE = 4000;

  public ProblemList {
    problems = problems == null ? List.of() : List.copyOf(problems);
  }

  /**
   * One thing wrong with one problem.
   *
   * @param index the problem's place in the list, from 0
   * @param field the field at fault, as the file names it (id, title, units…)
   * @param message what is wrong, naming the field, e.g. {@code 缺少字段 title（问题标题）}
   */
  public record ProblemError(int index, String field, String message) {}

  /** Reads and checks the file; a broken file gives every problem found, each naming the file, problem and field. */
  public static ProblemList read(Path file, Organization organization) {
    ProblemList list = SeedYaml.read(file, ProblemList.class);
    List<String> errors = new ArrayList<>();
    if (list.round() == null) {
      errors.add(file + "：缺少 round（整改批次：code、name、kind、date）");
    } else {
      list.round().problems().forEach(problem -> errors.add(file + "：round 的" + problem));
    }
    if (list.problems().isEmpty()) {
      errors.add(file + "：problems 为空，没有可立案的问题");
    }
    for (ProblemError error : check(list.problems(), organization)) {
      errors.add(file + "：" + label(list.problems(), error.index()) + " " + error.message());
    }
    if (!errors.isEmpty()) {
      throw new SeedFileException(errors);
    }
    return list;
  }

  /** {@code 问题 1.1}, or {@code 问题第 3 项} for one without a usable number. */
  public static String label(List<Problem> problems, int index) {
    String id = problems.get(index).id();
    return "问题 " + (id == null || id.isBlank() ? "第 " + (index + 1) + " 项" : id);
  }

  /** Everything wrong with the problems, in list order. */
  public static List<ProblemError> check(List<Problem> problems, Organization organization) {
    List<ProblemError> errors = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < problems.size(); i++) {
      Problem problem = problems.get(i);
      if (problem.id() == null || problem.id().length() > MAX_NUMBER || !ID.matcher(problem.id()).matches()) {
        errors.add(new ProblemError(i, "id", "的字段 id 缺失或格式不对（应为 1.1 这样的编号，并加引号）"));
      } else if (!ids.add(problem.id())) {
        errors.add(new ProblemError(i, "id", "的字段 id 重复：问题编号 " + problem.id() + " 已在前面出现"));
      }
      requireText(errors, i, "category", "问题类别", problem.category(), MAX_CATEGORY);
      requireText(errors, i, "title", "问题标题", problem.title(), MAX_TITLE);
      requireText(errors, i, "source", "讲话原文", problem.source(), MAX_SOURCE);
      requireGroups(errors, i, "units", "责任单位", problem.units(), GroupType.UNIT, organization);
      requireGroups(errors, i, "supervisors", "督导单位", problem.supervisors(), GroupType.SUPERVISOR, organization);
      if (problem.deadline() == null) {
        errors.add(new ProblemError(i, "deadline", "缺少字段 deadline（整改时限，如 2027-06-30）"));
      }
    }
    return errors;
  }

  private static void requireText(List<ProblemError> errors, int index, String field, String meaning, String value, int max) {
    if (value == null || value.isBlank()) {
      errors.add(new ProblemError(index, field, "缺少字段 " + field + "（" + meaning + "）"));
    } else if (value.length() > max) {
      errors.add(new ProblemError(index, field, "的字段 " + field + "（" + meaning + "）超过 " + max + " 个字"));
    }
  }

  private static void requireGroups(List<ProblemError> errors, int index, String field, String meaning, List<String> ids,
      GroupType role, Organization organization) {
    if (ids == null || ids.isEmpty()) {
      errors.add(new ProblemError(index, field, "缺少字段 " + field + "（" + meaning + "）"));
      return;
    }
    Set<String> seen = new HashSet<>();
    for (String id : ids) {
      Group group = organization.group(id).orElse(null);
      if (group == null) {
        errors.add(new ProblemError(index, field,
            "的字段 " + field + "：未知的" + meaning + " \"" + id + "\"（organization.yaml 中没有这个单位）"));
      } else if (group.role() != role) {
        errors.add(new ProblemError(index, field, "的字段 " + field + "：\"" + id + "\"（" + group.name() + "）不是" + meaning));
      } else if (!seen.add(id)) {
        errors.add(new ProblemError(index, field, "的字段 " + field + "：\"" + id + "\" 重复"));
      }
    }
  }
}
