package cn.zhenggai.rectification.rounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhenggai.rectification.vocabulary.RefusedInput;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DraftEditsTest {

  static final String TEXT = "一、差距和不足。有的党组织学习不深入；个别社区服务能力不强，新兴领域党建质量有待提升。";
  static final LocalDate JUNE = LocalDate.of(2027, 6, 30);
  static final LocalDate MARCH = LocalDate.of(2027, 3, 31);

  static DraftProblem problem(String number, String title) {
    return new DraftProblem(number, "类别" + number, title, "原文" + title, null, null, List.of("措施" + title),
        List.of("street-chengguan"), List.of("org-dept"), JUNE, null);
  }

  static DraftProblem quoting(String number, String sentence) {
    int start = TEXT.indexOf(sentence);
    return new DraftProblem(number, "作用发挥不够", DraftEdits.title(sentence), sentence, start, start + sentence.length(),
        List.of(), List.of("street-chengguan"), List.of("org-dept"), JUNE, null);
  }

  static List<String> numbers(List<DraftProblem> problems) {
    return problems.stream().map(DraftProblem::number).toList();
  }

  static List<String> titles(List<DraftProblem> problems) {
    return problems.stream().map(DraftProblem::title).toList();
  }

  @Test
  void renumberingKeepsEachSectionAndCountsWithinIt() {
    List<DraftProblem> list = List.of(problem("1.3", "a"), problem("1.7", "b"), problem("2.5", "c"), problem(null, "d"),
        problem("3", "e"), problem("", "f"));

    assertThat(numbers(DraftEdits.renumber(list))).containsExactly("1.1", "1.2", "2.1", "2.2", "3.1", "3.2");
    assertThat(numbers(DraftEdits.renumber(List.of(problem(null, "first"))))).containsExactly("1.1");
  }

  @Test
  void aSectionThatComesBackContinuesItsCountSoNoTwoShareANumber() {
    List<DraftProblem> list = List.of(problem("1.1", "a"), problem("2.1", "b"), problem("1.2", "c"));

    assertThat(numbers(DraftEdits.renumber(list))).containsExactly("1.1", "2.1", "1.2");
  }

  @Test
  void deleteAndRenumber() {
    List<DraftProblem> list = List.of(problem("1.1", "a"), problem("1.2", "b"), problem("1.3", "c"), problem("2.1", "d"));

    List<DraftProblem> edited = DraftEdits.delete(list, 1);

    assertThat(titles(edited)).containsExactly("a", "c", "d");
    assertThat(numbers(edited)).containsExactly("1.1", "1.2", "2.1");
    assertThatThrownBy(() -> DraftEdits.delete(list, 4)).isInstanceOf(RefusedInput.class).hasMessageContaining("第 5 项");
  }

  @Test
  void movingKeepsTheSectionAndResequences() {
    List<DraftProblem> list = List.of(problem("1.1", "a"), problem("1.2", "b"), problem("2.1", "c"), problem("2.2", "d"));

    List<DraftProblem> up = DraftEdits.moveUp(list, 1);
    assertThat(titles(up)).containsExactly("b", "a", "c", "d");
    assertThat(numbers(up)).containsExactly("1.1", "1.2", "2.1", "2.2");

    List<DraftProblem> down = DraftEdits.moveDown(list, 1);
    assertThat(titles(down)).containsExactly("a", "c", "b", "d");
    assertThat(numbers(down)).containsExactly("1.1", "2.1", "1.2", "2.2");

    assertThat(titles(DraftEdits.moveUp(list, 0))).containsExactly("a", "b", "c", "d");
    assertThat(titles(DraftEdits.moveDown(list, 3))).containsExactly("a", "b", "c", "d");
  }

  @Test
  void anAddedProblemJoinsTheLastSectionWithTheRoundsDeadlineAndSupervisors() {
    List<DraftProblem> list = List.of(problem("1.1", "a"), problem("2.1", "b"));

    List<DraftProblem> edited = DraftEdits.add(list, MARCH, List.of("org-dept"));

    assertThat(numbers(edited)).containsExactly("1.1", "2.1", "2.2");
    DraftProblem added = edited.get(2);
    assertThat(added.category()).isEqualTo("类别2.1");
    assertThat(added.deadline()).isEqualTo(MARCH);
    assertThat(added.supervisors()).containsExactly("org-dept");
    assertThat(added.units()).isEmpty();
    assertThat(numbers(DraftEdits.add(List.of(), MARCH, List.of("org-dept")))).containsExactly("1.1");
  }

  @Test
  void mergingJoinsTheSourceStretchTheUnitsAndKeepsTheEarlierDeadline() {
    DraftProblem first = quoting("2.1", "个别社区服务能力不强");
    DraftProblem second = new DraftProblem("2.2", "作用发挥不够", "新兴领域", "新兴领域党建质量有待提升",
        TEXT.indexOf("新兴领域"), TEXT.indexOf("。", TEXT.indexOf("新兴领域")), List.of("加强新兴领域党建"),
        List.of("street-dongcheng", "street-chengguan"), List.of("org-dept", "discipline"), MARCH, null);
    List<DraftProblem> list = List.of(quoting("1.1", "有的党组织学习不深入"), first, second, quoting("2.3", "差距和不足"));

    List<DraftProblem> edited = DraftEdits.mergeWithNext(list, 1, TEXT);

    assertThat(numbers(edited)).containsExactly("1.1", "2.1", "2.2");
    DraftProblem merged = edited.get(1);
    assertThat(merged.source()).isEqualTo("个别社区服务能力不强，新兴领域党建质量有待提升");
    assertThat(TEXT.substring(merged.sourceStart(), merged.sourceEnd())).isEqualTo(merged.source());
    assertThat(merged.title()).isEqualTo("个别社区服务能力不强；新兴领域");
    assertThat(merged.units()).containsExactly("street-chengguan", "street-dongcheng");
    assertThat(merged.supervisors()).containsExactly("org-dept", "discipline");
    assertThat(merged.measures()).containsExactly("加强新兴领域党建");
    assertThat(merged.deadline()).isEqualTo(MARCH);
    assertThatThrownBy(() -> DraftEdits.mergeWithNext(list, 3, TEXT)).isInstanceOf(RefusedInput.class);
  }

  @Test
  void mergingProblemsTypedByHandJoinsTheirWords() {
    List<DraftProblem> edited = DraftEdits.mergeWithNext(List.of(problem("1.1", "a"), problem("1.2", "b")), 0, null);

    assertThat(edited).hasSize(1);
    assertThat(edited.get(0).source()).isEqualTo("原文a原文b");
    assertThat(edited.get(0).sourceStart()).isNull();
  }

  @Test
  void splitPointsAreTheClauseAndSentenceEnds() {
    String source = "个别社区服务能力不强，新兴领域党建质量有待提升；还没有形成长效机制——共建共治共享还没有形成常态。";

    List<Integer> points = DraftEdits.splitPoints(source);

    assertThat(points).extracting(at -> source.substring(0, at))
        .containsExactly("个别社区服务能力不强，", "个别社区服务能力不强，新兴领域党建质量有待提升；",
            "个别社区服务能力不强，新兴领域党建质量有待提升；还没有形成长效机制——");
    assertThat(DraftEdits.splitPoints("只有一句。")).isEmpty();
    assertThat(DraftEdits.splitPoints(null)).isEmpty();
  }

  @Test
  void splittingCutsTheSourceAndTheSecondPartFollowsInTheSection() {
    String sentence = "个别社区服务能力不强，新兴领域党建质量有待提升";
    List<DraftProblem> list = List.of(quoting("1.1", "有的党组织学习不深入"), quoting("2.1", sentence), quoting("2.2", "差距和不足"));
    int at = DraftEdits.splitPoints(sentence).get(0);

    List<DraftProblem> edited = DraftEdits.split(list, 1, at);

    assertThat(numbers(edited)).containsExactly("1.1", "2.1", "2.2", "2.3");
    DraftProblem first = edited.get(1);
    DraftProblem second = edited.get(2);
    assertThat(first.source()).isEqualTo("个别社区服务能力不强，");
    assertThat(first.title()).isEqualTo(list.get(1).title());
    assertThat(second.source()).isEqualTo("新兴领域党建质量有待提升");
    assertThat(second.title()).isEqualTo("新兴领域党建质量有待提升");
    assertThat(TEXT.substring(first.sourceStart(), first.sourceEnd())).isEqualTo(first.source());
    assertThat(TEXT.substring(second.sourceStart(), second.sourceEnd())).isEqualTo(second.source());
    assertThat(second.units()).isEqualTo(first.units());
    assertThat(second.deadline()).isEqualTo(JUNE);
    assertThatThrownBy(() -> DraftEdits.split(list, 1, 3)).isInstanceOf(RefusedInput.class).hasMessageContaining("不能");
  }

  @Test
  void aTitleIsTheFirstClauseAtMostThirtyCharacters() {
    assertThat(DraftEdits.title("  共建共治共享还没有形成常态。其他")).isEqualTo("共建共治共享还没有形成常态");
    assertThat(DraftEdits.title("字".repeat(40))).hasSize(30);
    assertThat(DraftEdits.title(null)).isEmpty();
  }

  @Test
  void theSourceTextIsCutIntoPlainAndMarkedStretches() {
    List<DraftProblem> list = List.of(quoting("2.1", "个别社区服务能力不强"), quoting("1.1", "有的党组织学习不深入"),
        problem("3.1", "by hand"), new DraftProblem("3.2", "", "", "", 5, 999, List.of(), List.of(), List.of(), null, null));

    List<SourceSegments.Segment> segments = SourceSegments.of(TEXT, list);

    assertThat(segments).extracting(SourceSegments.Segment::problem).containsExactly(null, "1.1", null, "2.1", null);
    assertThat(String.join("", segments.stream().map(SourceSegments.Segment::text).toList())).isEqualTo(TEXT);
    assertThat(segments.get(1).text()).isEqualTo("有的党组织学习不深入");
    assertThat(SourceSegments.of(null, list)).isEmpty();
  }

  @Test
  void overlappingSourcesMarkTheFirstOnly() {
    List<DraftProblem> list = List.of(quoting("1.1", "有的党组织学习不深入；个别社区"), quoting("1.2", "个别社区服务能力不强"));

    assertThat(SourceSegments.of(TEXT, list)).extracting(SourceSegments.Segment::problem).containsExactly(null, "1.1", null);
  }
}
