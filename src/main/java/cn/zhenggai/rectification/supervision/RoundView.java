package cn.zhenggai.rectification.supervision;

import cn.zhenggai.rectification.casework.CaseQueries;
import cn.zhenggai.rectification.organization.Organization;
import cn.zhenggai.rectification.organization.OrganizationFile;
import cn.zhenggai.rectification.problem.ProblemList.ProblemError;
import cn.zhenggai.rectification.rounds.DraftEdits;
import cn.zhenggai.rectification.rounds.DraftProblem;
import cn.zhenggai.rectification.rounds.Round;
import cn.zhenggai.rectification.rounds.RoundProperties;
import cn.zhenggai.rectification.rounds.RoundStatus;
import cn.zhenggai.rectification.rounds.Rounds;
import cn.zhenggai.rectification.rounds.SourceSegments;
import cn.zhenggai.rectification.vocabulary.GroupType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;

/** What the round page shows: the round, its list with what is wrong beside each field, the marked source, the log. */
@Component
class RoundView {

  static final int PREVIEW = 12;

  private final Rounds rounds;
  private final OrganizationFile organization;
  private final CaseQueries cases;
  private final RoundProperties properties;

  RoundView(Rounds rounds, OrganizationFile organization, CaseQueries cases, RoundProperties properties) {
    this.rounds = rounds;
    this.organization = organization;
    this.cases = cases;
    this.properties = properties;
  }

  /** A problem as the page lists it: its fields, its faults by field, and where its source may be split. */
  record ProblemView(int index, RoundDraftForm.ProblemForm form, Map<String, List<String>> errors,
      List<SplitPoint> splitPoints, List<String> unitNames, List<String> supervisorNames) {

    public List<String> errorsOf(String field) {
      return errors.getOrDefault(field, List.of());
    }

    public boolean hasErrors() {
      return !errors.isEmpty();
    }
  }

  /** A place the source may be cut, with the words either side of it. */
  record SplitPoint(int at, String label) {}

  void fill(Model model, Round round, boolean manager) {
    Organization org = organization.read();
    Map<String, String> names = org.groups().stream()
        .collect(Collectors.toMap(Organization.Group::id, Organization.Group::name, (a, b) -> a, LinkedHashMap::new));
    List<DraftProblem> problems = rounds.problems(round.code());
    Map<Integer, Map<String, List<String>>> errors = round.isDraft() ? byProblem(rounds.check(round.code())) : Map.of();
    List<ProblemView> views = new ArrayList<>();
    for (int i = 0; i < problems.size(); i++) {
      DraftProblem problem = problems.get(i);
      views.add(new ProblemView(i, RoundDraftForm.ProblemForm.of(problem), errors.getOrDefault(i, Map.of()),
          splitPoints(problem.source()), named(problem.units(), names), named(problem.supervisors(), names)));
    }
    model.addAttribute("round", round);
    model.addAttribute("manager", manager);
    model.addAttribute("editable", manager && round.isDraft());
    model.addAttribute("problems", views);
    model.addAttribute("faults", errors.values().stream().mapToInt(Map::size).sum());
    model.addAttribute("unitCases", problems.stream().mapToInt(problem -> problem.units().size()).sum());
    model.addAttribute("segments", SourceSegments.of(round.sourceText(), problems));
    model.addAttribute("changes", rounds.changes(round.code()));
    model.addAttribute("kinds", rounds.kinds());
    model.addAttribute("unitChoices", groups(org, GroupType.UNIT));
    model.addAttribute("supervisorChoices", groups(org, GroupType.SUPERVISOR));
    model.addAttribute("maxUpload", megabytes(properties.maxUpload()));
    model.addAttribute("maxUploadBytes", properties.maxUpload().toBytes());
    if (round.status() == RoundStatus.PUBLISHED) {
      model.addAttribute("unfinished", cases.openCases(round.code()).size());
      model.addAttribute("laterRounds", rounds.all().stream()
          .filter(other -> !other.code().equals(round.code()) && other.status() != RoundStatus.CLOSED
              && !other.heldOn().isBefore(round.heldOn()))
          .toList());
    }
    if (!model.containsAttribute("header")) {
      model.addAttribute("header", RoundHeaderForm.of(round));
    }
    if (!model.containsAttribute("headerErrors")) {
      model.addAttribute("headerErrors", Map.of());
    }
  }

  /** {@code 问题 2.1 缺少字段 units（责任单位）}, for the publishing step. */
  List<String> faultList(Round round) {
    List<DraftProblem> problems = rounds.problems(round.code());
    return rounds.check(round.code()).stream()
        .map(error -> "问题 " + numberOf(problems, error.index()) + " " + error.message()).toList();
  }

  /** {@code 5 MB}, {@code 0.5 MB}. */
  static String megabytes(DataSize size) {
    String figure = String.format(Locale.ROOT, "%.1f", size.toBytes() / (1024.0 * 1024.0));
    return (figure.endsWith(".0") ? figure.substring(0, figure.length() - 2) : figure) + " MB";
  }

  private static String numberOf(List<DraftProblem> problems, int index) {
    String number = problems.get(index).number();
    return number == null || number.isBlank() ? "第 " + (index + 1) + " 项" : number;
  }

  static List<SplitPoint> splitPoints(String source) {
    return DraftEdits.splitPoints(source).stream().map(at -> new SplitPoint(at,
        "“…" + source.substring(Math.max(0, at - PREVIEW), at) + "”之后")).toList();
  }

  private static Map<Integer, Map<String, List<String>>> byProblem(List<ProblemError> errors) {
    Map<Integer, Map<String, List<String>>> byProblem = new LinkedHashMap<>();
    for (ProblemError error : errors) {
      String message = error.message().startsWith("的") ? error.message().substring(1) : error.message();
      byProblem.computeIfAbsent(error.index(), i -> new LinkedHashMap<>())
          .computeIfAbsent(error.field(), f -> new ArrayList<>()).add(message);
    }
    return byProblem;
  }

  private static List<String> named(List<String> ids, Map<String, String> names) {
    return ids.stream().map(id -> names.getOrDefault(id, id)).toList();
  }

  private static List<Organization.Group> groups(Organization org, GroupType role) {
    return org.groups().stream().filter(group -> group.role() == role).toList();
  }
}
