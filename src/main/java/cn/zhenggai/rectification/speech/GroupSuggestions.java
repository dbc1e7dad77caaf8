package cn.zhenggai.rectification.speech;

import cn.zhenggai.rectification.organization.Organization;
import cn.zhenggai.rectification.organization.Organization.Group;
import cn.zhenggai.rectification.vocabulary.GroupType;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Suggests responsible units and supervisors from the organization file. A unit named in the problem (城关街道) is
 * taken alone; otherwise the one unit a report is addressed to, when its title names exactly one (巡察县教育工委……的反馈
 * 意见); otherwise units whose keywords appear (社区 → the street committees); otherwise, when the problem speaks
 * of the grassroots organizations or cadres in general (有的基层党组织……, 个别干部……), every unit, since the closing
 * speech addresses all units that reported; otherwise none, and the draft says so. The problem's own sentence is read
 * first and its section's heading only when the sentence points nowhere. A supervisor without keywords supervises every
 * problem; one with keywords (the discipline commission: 作风, 四风 …) joins where one appears.
 */
final class GroupSuggestions {

  private static final Pattern GENERAL = Pattern.compile("党组织|干部|党员|各单位|各部门|各级");
  private static final Pattern ORGAN_SUFFIX = Pattern.compile("(党工委|工委|党委|党组)$");
  private static final int MIN_SHORT_NAME = 4;

  private final List<Group> units;
  private final List<Group> supervisors;
  private final List<String> addressee;

  /** For a text whose first line (its title, or the speaker's 同志们：) is {@code title}. */
  GroupSuggestions(Organization organization, String title) {
    units = organization.groups().stream().filter(g -> g.role() == GroupType.UNIT).toList();
    supervisors = organization.groups().stream().filter(g -> g.role() == GroupType.SUPERVISOR).toList();
    List<String> named = ids(units, g -> names(g, title));
    addressee = named.size() == 1 ? named : List.of();
  }

  List<String> units(String source, String category) {
    for (String text : List.of(source, category)) {
      List<String> named = ids(units, g -> names(g, text));
      if (!named.isEmpty()) {
        return named;
      }
      if (!addressee.isEmpty()) {
        return addressee;
      }
      List<String> meant = ids(units, g -> mentions(g, text));
      if (!meant.isEmpty()) {
        return meant;
      }
    }
    boolean general = GENERAL.matcher(source).find() || GENERAL.matcher(category).find();
    return general ? ids(units, g -> true) : List.of();
  }

  List<String> supervisors(String source, String category) {
    return ids(supervisors, g -> g.keywords().isEmpty() || mentions(g, source) || mentions(g, category));
  }

  private static boolean names(Group group, String text) {
    String shortName = ORGAN_SUFFIX.matcher(group.name()).replaceFirst("");
    return text.contains(group.name()) || (shortName.length() >= MIN_SHORT_NAME && text.contains(shortName));
  }

  private static boolean mentions(Group group, String text) {
    return group.keywords().stream().anyMatch(text::contains);
  }

  private static List<String> ids(List<Group> groups, Predicate<Group> chosen) {
    return groups.stream().filter(chosen).map(Group::id).toList();
  }
}
