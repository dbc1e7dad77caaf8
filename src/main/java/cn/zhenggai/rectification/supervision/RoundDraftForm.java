package cn.zhenggai.rectification.supervision;

import cn.zhenggai.rectification.rounds.DraftProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A draft round's whole problem list as the page's one form sends it ({@code problems[0].title}…), with the button
 * pressed ({@code action}: {@code save}, {@code add}, or {@code delete:3}, {@code up:3}, {@code down:3},
 * {@code merge:3}, {@code split:3}, 3 being the problem's place in the list). Every button sends the whole list, so
 * what was typed before pressing it is kept.
 */
class RoundDraftForm {

  private List<ProblemForm> problems = new ArrayList<>();
  private String action = "save";

  static RoundDraftForm of(List<DraftProblem> problems) {
    RoundDraftForm form = new RoundDraftForm();
    problems.forEach(problem -> form.problems.add(ProblemForm.of(problem)));
    return form;
  }

  /** The list as typed; a source no longer as it stands in the round's text loses its place there. */
  List<DraftProblem> toProblems(String sourceText) {
    return problems.stream().filter(Objects::nonNull).map(problem -> problem.toProblem(sourceText)).toList();
  }

  public List<ProblemForm> getProblems() {
    return problems;
  }

  public void setProblems(List<ProblemForm> problems) {
    this.problems = problems == null ? new ArrayList<>() : problems;
  }

  public String getAction() {
    return action;
  }

  public void setAction(String action) {
    this.action = action;
  }

  /** One problem's fields; measures one per line, units and supervisors the ticked group ids. */
  static class ProblemForm {

    private String number;
    private String category;
    private String title;
    private String source;
    private Integer sourceStart;
    private Integer sourceEnd;
    private String measures;
    private List<String> units = new ArrayList<>();
    private List<String> supervisors = new ArrayList<>();
    private String deadline;
    private String carriedFrom;
    private Integer splitAt;

    static ProblemForm of(DraftProblem problem) {
      ProblemForm form = new ProblemForm();
      form.number = problem.number();
      form.category = problem.category();
      form.title = problem.title();
      form.source = problem.source();
      form.sourceStart = problem.sourceStart();
      form.sourceEnd = problem.sourceEnd();
      form.measures = String.join("\n", problem.measures());
      form.units = new ArrayList<>(problem.units());
      form.supervisors = new ArrayList<>(problem.supervisors());
      form.deadline = problem.deadline() == null ? "" : problem.deadline().toString();
      form.carriedFrom = problem.carriedFrom();
      return form;
    }

    DraftProblem toProblem(String sourceText) {
      String text = strip(source);
      boolean placed = sourceText != null && sourceStart != null && sourceEnd != null && sourceStart >= 0
          && sourceStart <= sourceEnd && sourceEnd <= sourceText.length()
          && sourceText.substring(sourceStart, sourceEnd).strip().equals(text);
      List<String> lines = measures == null ? List.of()
          : Arrays.stream(measures.split("\\R")).map(String::strip).filter(line -> !line.isEmpty()).toList();
      return new DraftProblem(strip(number), strip(category), strip(title), text, placed ? sourceStart : null,
          placed ? sourceEnd : null, lines, ids(units), ids(supervisors), RoundHeaderForm.date(deadline),
          carriedFrom == null || carriedFrom.isBlank() ? null : carriedFrom);
    }

    private static List<String> ids(List<String> ids) {
      return ids == null ? List.of() : ids.stream().filter(Objects::nonNull).map(String::strip)
          .filter(id -> !id.isEmpty()).distinct().toList();
    }

    private static String strip(String text) {
      return text == null ? "" : text.strip();
    }

    public String getNumber() {
      return number;
    }

    public void setNumber(String number) {
      this.number = number;
    }

    public String getCategory() {
      return category;
    }

    public void setCategory(String category) {
      this.category = category;
    }

    public String getTitle() {
      return title;
    }

    public void setTitle(String title) {
      this.title = title;
    }

    public String getSource() {
      return source;
    }

    public void setSource(String source) {
      this.source = source;
    }

    public Integer getSourceStart() {
      return sourceStart;
    }

    public void setSourceStart(Integer sourceStart) {
      this.sourceStart = sourceStart;
    }

    public Integer getSourceEnd() {
      return sourceEnd;
    }

    public void setSourceEnd(Integer sourceEnd) {
      this.sourceEnd = sourceEnd;
    }

    public String getMeasures() {
      return measures;
    }

    public void setMeasures(String measures) {
      this.measures = measures;
    }

    public List<String> getUnits() {
      return units;
    }

    public void setUnits(List<String> units) {
      this.units = units == null ? new ArrayList<>() : units;
    }

    public List<String> getSupervisors() {
      return supervisors;
    }

    public void setSupervisors(List<String> supervisors) {
      this.supervisors = supervisors == null ? new ArrayList<>() : supervisors;
    }

    public String getDeadline() {
      return deadline;
    }

    public void setDeadline(String deadline) {
      this.deadline = deadline;
    }

    public String getCarriedFrom() {
      return carriedFrom;
    }

    public void setCarriedFrom(String carriedFrom) {
      this.carriedFrom = carriedFrom;
    }

    public Integer getSplitAt() {
      return splitAt;
    }

    public void setSplitAt(Integer splitAt) {
      this.splitAt = splitAt;
    }
  }
}
