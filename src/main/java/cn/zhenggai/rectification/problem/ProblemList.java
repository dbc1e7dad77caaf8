package cn.zhenggai.rectification.problem;

import cn.zhenggai.rectification.organization.Organization.Group;
import cn.zhenggai.rectification.organization.Organization;
import cn.zhenggai.rectification.organization.SeedFileException;
import cn.zhenggai.rectification.organization.SeedYaml;
import cn.zhenggai.rectification.vocabulary.GroupType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The problem list (问题清单) of {@code seeds/problems.yaml}, checked against the organization. */
public record ProblemList(List<Problem> problems) {

  private static final Pattern ID = Pattern.compile("\\d+(\\.\\d+)*");
  static final int MAX_TITLE = 200;
  static final int MAX_CATEGORY = 200;
  static final int MAX_SOURCE = 4000;

  public ProblemList {
    problems = problems == null ? List.of() : List.copyOf(problems);
  }

  /** Reads and checks the file; a broken file gives every problem found, each naming the file, problem and field. */
  public static ProblemList read(Path file, Organization organization) {
    ProblemList list = SeedYaml.read(file, ProblemList.class);
    List<String> errors = new ArrayList<>();
    if (list.problems().isEmpty()) {
      errors.add(file + "：problems 为空，没有可立案的问题");
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < list.problems().size(); i++) {
      Problem problem = list.problems().get(i);
      String where = file + "：问题 " + (problem.id() == null ? "第 " + (i + 1) + " 项" : problem.id());
      if (problem.id() == null || !ID.matcher(problem.id()).matches()) {
        errors.add(where + " 的字段 id 缺失或格式不对（应为 1.1 这样的编号，并加引号）");
      } else if (!ids.add(problem.id())) {
        errors.add(where + " 的字段 id 重复：问题编号 " + problem.id() + " 已在前面出现");
      }
      requireText(errors, where, "category", "问题类别", problem.category(), MAX_CATEGORY);
      requireText(errors, where, "title", "问题标题", problem.title(), MAX_TITLE);
      requireText(errors, where, "source", "讲话原文", problem.source(), MAX_SOURCE);
      requireGroups(errors, where, "units", "责任单位", problem.units(), GroupType.UNIT, organization);
      requireGroups(errors, where, "supervisors", "督导单位", problem.supervisors(), GroupType.SUPERVISOR, organization);
      if (problem.deadline() == null) {
        errors.add(where + " 缺少字段 deadline（整改时限，如 2027-06-30）");
      }
    }
    if (!errors.isEmpty()) {
      throw new SeedFileException(errors);
    }
    return list;
  }

  private static void requireText(List<String> errors, String where, String field, String meaning, String value, int max) {
    if (value == null || value.isBlank()) {
      errors.add(where + " 缺少字段 " + field + "（" + meaning + "）");
    } else if (value.length() > max) {
      errors.add(where + " 的字段 " + field + " 超过 " + max + " 个字");
    }
  }

  private static void requireGroups(
      List<String> errors, String where, String field, String meaning, List<String> ids, GroupType role, Organization organization) {
    if (ids == null || ids.isEmpty()) {
      errors.add(where + " 缺少字段 " + field + "（" + meaning + "）");
      return;
    }
    Set<String> seen = new HashSet<>();
    for (String id : ids) {
      Group group = organization.group(id).orElse(null);
      if (group == null) {
        errors.add(where + " 的字段 " + field + "：未知的" + meaning + " \"" + id + "\"（organization.yaml 中没有这个单位）");
      } else if (group.role() != role) {
        errors.add(where + " 的字段 " + field + "：\"" + id + "\"（" + group.name() + "）不是" + meaning);
      } else if (!seen.add(id)) {
        errors.add(where + " 的字段 " + field + "：\"" + id + "\" 重复");
      }
    }
  }
}
