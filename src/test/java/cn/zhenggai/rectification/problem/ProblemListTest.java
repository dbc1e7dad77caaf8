package cn.zhenggai.rectification.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhenggai.rectification.organization.Organization;
import cn.zhenggai.rectification.organization.SeedFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProblemListTest {

  static final Path ORGANIZATION = Path.of("seeds/organization.yaml");
  static final Path PROBLEMS = Path.of("seeds/problems.yaml");
  static final String HEADER = "round:\n  code: 2022-SZPY\n  name: 2022年度抓基层党建工作述职评议\n  kind: 述职评议\n  date: 2023-01-16\nproblems:\n";
  static final List<String> STREETS = List.of("street-chengguan", "street-dongcheng", "street-xicheng");

  @TempDir Path dir;

  @Test
  void theSeedListHasTheNineProblemsOfTheSpeech() throws IOException {
    List<Problem> problems = ProblemList.read(PROBLEMS, Organization.read(ORGANIZATION)).problems();
    String speech = Files.readString(Path.of("seeds/speech-2022-grassroots-party-building.txt"));

    assertThat(problems).extracting(Problem::id)
        .containsExactly("1.1", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "4.1", "4.2");
    assertThat(problems).allSatisfy(problem -> {
      assertThat(problem.units()).containsAll(STREETS);
      assertThat(speech).contains(problem.source()).contains(problem.category());
      assertThat(problem.measures()).isNotEmpty();
      assertThat(problem.deadline()).isAfter(LocalDate.of(2026, 12, 31));
    });
    assertThat(problem(problems, "1.1").units()).containsExactlyInAnyOrder(
        "street-chengguan", "street-dongcheng", "street-xicheng", "organs", "education");
    assertThat(problem(problems, "2.1").units()).containsExactlyInAnyOrderElementsOf(STREETS);
    assertThat(problem(problems, "3.2").units()).containsExactlyInAnyOrder(
        "street-chengguan", "street-dongcheng", "street-xicheng", "organs");
    assertThat(problem(problems, "4.2").supervisors()).containsExactly("org-dept", "discipline");
    assertThat(problem(problems, "4.1").supervisors()).containsExactly("org-dept");
  }

  @Test
  void brokenYamlNamesTheFileAndLine() throws IOException {
    Path file = write(HEADER + "  - id: \"1.1\"\n    category: 理论学习\n      title: 缩进错误: 冒号\n");

    assertThatThrownBy(() -> read(file))
        .isInstanceOf(SeedFileException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("YAML 格式错误")
        .hasMessageContaining("第 ");
  }

  @Test
  void anUnknownUnitIsNamedWithItsProblemAndField() throws IOException {
    Path file = write(problem("2.1", "[street-chengguan, street-nowhere]", "[org-dept]", "source: 原文"));

    assertThatThrownBy(() -> read(file))
        .isInstanceOf(SeedFileException.class)
        .hasMessage(file + "：问题 2.1 的字段 units：未知的责任单位 \"street-nowhere\"（organization.yaml 中没有这个单位）");
  }

  @Test
  void aSupervisorListedAsResponsibleUnitIsRefused() throws IOException {
    Path file = write(problem("2.1", "[org-dept]", "[org-dept]", "source: 原文"));

    assertThatThrownBy(() -> read(file)).hasMessageContaining("问题 2.1 的字段 units：\"org-dept\"（县委组织部）不是责任单位");
  }

  @Test
  void aDuplicateProblemIdIsNamed() throws IOException {
    Path file = write(problem("2.1", "[organs]", "[org-dept]", "source: 原文")
        + problem("2.1", "[education]", "[org-dept]", "source: 另一句").replace(HEADER, ""));

    assertThatThrownBy(() -> read(file)).hasMessage(file + "：问题 2.1 的字段 id 重复：问题编号 2.1 已在前面出现");
  }

  @Test
  void missingTextIsNamedWithItsProblemAndField() throws IOException {
    Path file = write(problem("3.3", "[organs]", "[org-dept]", "source: \"  \""));

    assertThatThrownBy(() -> read(file)).hasMessage(file + "：问题 3.3 缺少字段 source（讲话原文）");
  }

  @Test
  void anUnknownFieldIsNamed() throws IOException {
    Path file = write(problem("3.3", "[organs]", "[org-dept]", "source: 原文\n    sauce: 原文"));

    assertThatThrownBy(() -> read(file)).hasMessageContaining("字段 problems[1].sauce 不是可识别的字段");
  }

  @Test
  void aBadDateIsNamed() throws IOException {
    Path file = write(problem("3.3", "[organs]", "[org-dept]", "source: 原文").replace("2027-06-30", "2027-13-01"));

    assertThatThrownBy(() -> read(file)).hasMessageContaining("字段 problems[1].deadline 的值格式不正确");
  }

  @Test
  void everyProblemOfAFileIsReportedAtOnce() throws IOException {
    Path file = write(problem("2.1", "[nowhere]", "[org-dept]", "source: 原文")
        + problem("2.2", "[organs]", "[]", "source: 原文").replace(HEADER, ""));

    assertThatThrownBy(() -> read(file))
        .isInstanceOfSatisfying(SeedFileException.class, e -> assertThat(e.problems()).hasSize(2))
        .hasMessageContaining("问题 2.1 的字段 units")
        .hasMessageContaining("问题 2.2 缺少字段 supervisors");
  }

  @Test
  void aMissingFileIsNamed() {
    assertThatThrownBy(() -> read(dir.resolve("nope.yaml"))).hasMessageEndingWith("nope.yaml：找不到文件");
  }

  private static ProblemList read(Path file) {
    return ProblemList.read(file, Organization.read(ORGANIZATION));
  }

  private static Problem problem(List<Problem> problems, String id) {
    return problems.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
  }

  private static String problem(String id, String units, String supervisors, String source) {
    return HEADER
        + "  - id: \"" + id + "\"\n"
        + "    category: 测试类别\n"
        + "    title: 测试问题\n"
        + "    " + source + "\n"
        + "    units: " + units + "\n"
        + "    supervisors: " + supervisors + "\n"
        + "    deadline: 2027-06-30\n";
  }

  private Path write(String yaml) throws IOException {
    return Files.writeString(dir.resolve("problems.yaml"), yaml);
  }
}
