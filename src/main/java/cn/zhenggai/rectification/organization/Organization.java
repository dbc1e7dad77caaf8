package cn.zhenggai.rectification.organization;

import cn.zhenggai.rectification.vocabulary.GroupType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The county's organization as written in {@code seeds/organization.yaml}: groups (units, supervisors) and people. */
public record Organization(List<Group> groups, List<Person> users) {

  /** The ids Camunda accepts with our whitelist pattern (and what outside checks rely on). */
  private static final Pattern ID = Pattern.compile("[a-zA-Z0-9-]+");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  static final String ADMIN_GROUP = "camunda-admin";

  /**
   * A group of the organization file.
   *
   * @param keywords words that point a problem at this group when a speech is imported (optional in the file)
   */
  public record Group(String id, String name, GroupType role, List<String> keywords) {

    public Group {
      keywords = keywords == null ? List.of() : List.copyOf(keywords);
    }
  }

  public record Person(String id, String name, String title, String email, List<String> groups) {}

  public Organization {
    groups = groups == null ? List.of() : List.copyOf(groups);
    users = users == null ? List.of() : List.copyOf(users);
  }

  /** Reads and checks the file; a broken file gives every problem found, each naming the file and the field. */
  public static Organization read(Path file) {
    Organization organization = SeedYaml.read(file, Organization.class);
    List<String> problems = organization.problems(file.toString());
    if (!problems.isEmpty()) {
      throw new SeedFileException(problems);
    }
    return organization;
  }

  public Optional<Group> group(String id) {
    return groups.stream().filter(g -> g.id().equals(id)).findFirst();
  }

  public Map<String, Group> groupsById() {
    return groups.stream().collect(Collectors.toMap(Group::id, Function.identity()));
  }

  private List<String> problems(String file) {
    List<String> problems = new ArrayList<>();
    if (groups.isEmpty()) {
      problems.add(file + "：groups 为空，至少需要一个责任单位和一个督导单位");
    }
    Set<String> groupIds = new HashSet<>();
    for (int i = 0; i < groups.size(); i++) {
      Group group = groups.get(i);
      String where = file + "：groups 第 " + (i + 1) + " 项" + (group.id() == null ? "" : "（" + group.id() + "）");
      if (group.id() == null || !ID.matcher(group.id()).matches()) {
        problems.add(where + " 的字段 id 缺失或含有字母、数字、连字符以外的字符");
      } else if (!groupIds.add(group.id())) {
        problems.add(where + " 的字段 id 重复");
      }
      if (blank(group.name())) {
        problems.add(where + " 缺少字段 name（单位名称）");
      }
      if (group.role() == null) {
        problems.add(where + " 缺少字段 role（unit、supervisor、leader 或 admin）");
      }
    }
    Set<String> userIds = new HashSet<>();
    for (int i = 0; i < users.size(); i++) {
      Person user = users.get(i);
      String where = file + "：users 第 " + (i + 1) + " 项" + (user.id() == null ? "" : "（" + user.id() + "）");
      if (user.id() == null || !ID.matcher(user.id()).matches()) {
        problems.add(where + " 的字段 id 缺失或含有字母、数字、连字符以外的字符");
      } else if (!userIds.add(user.id())) {
        problems.add(where + " 的字段 id 重复");
      }
      if (blank(user.name())) {
        problems.add(where + " 缺少字段 name（姓名）");
      }
      if (user.email() == null || !EMAIL.matcher(user.email()).matches()) {
        problems.add(where + " 的字段 email 缺失或不是有效的邮箱地址");
      }
      if (user.groups() == null || user.groups().isEmpty()) {
        problems.add(where + " 缺少字段 groups（所属单位）");
      } else {
        user.groups().stream()
            .filter(g -> !groupIds.contains(g))
            .forEach(g -> problems.add(where + " 的字段 groups：未知的单位 \"" + g + "\""));
      }
    }
    return problems;
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
