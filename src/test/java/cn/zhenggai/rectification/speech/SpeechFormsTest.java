package cn.zhenggai.rectification.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import cn.zhenggai.rectification.organization.Organization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Texts of other kinds and forms: each file in {@code speeches/} beside its expected list (number, category, source).
 * 巡察反馈 numbered （一）（二）under a heading 二、; an audit meeting speech numbered 第一，第二，with an achievements
 * part numbered 一是……; a 专项督查 notice numbered 一、二、with 1. 2. inside.
 */
class SpeechFormsTest {

  static final Organization ORGANIZATION = SpeechImporterTest.ORGANIZATION;
  static final Path SPEECHES = Path.of("src/test/resources/speeches");

  private final SpeechImporter importer = new SpeechImporter();

  record Expected(String number, String category, String source) {}

  @ParameterizedTest
  @ValueSource(strings = {"inspection-feedback-education", "audit-rectification-meeting", "special-review-organization-life"})
  void eachTextGivesItsExpectedProblems(String name) throws IOException {
    String text = Files.readString(SPEECHES.resolve(name + ".txt"));
    List<Expected> expected = Files.readAllLines(SPEECHES.resolve(name + ".expected.tsv")).stream()
        .filter(line -> !line.startsWith("#")).map(line -> line.split("\t"))
        .map(cells -> new Expected(cells[0], cells[1], cells[2])).toList();

    List<DraftProblem> drafted = importer.draft(text, ORGANIZATION).problems();

    assertThat(text.length()).isBetween(1500, 4000);
    assertThat(drafted).extracting(p -> new Expected(p.number(), p.category(), p.source())).containsExactlyElementsOf(expected);
    assertThat(drafted).allSatisfy(p -> assertThat(text.substring(p.sourceStart(), p.sourceEnd())).isEqualTo(p.source()));
  }

  @Test
  void anInspectionOfOneUnitAssignsThatUnitAndMatchesItsOwnRequirements() throws IOException {
    String text = Files.readString(SPEECHES.resolve("inspection-feedback-education.txt"));

    List<DraftProblem> drafted = importer.draft(text, ORGANIZATION).problems();

    assertThat(drafted).allSatisfy(p -> assertThat(p.units()).containsExactly("education"));
    assertThat(drafted.get(1).measures().get(0)).startsWith("要全面落实“五育并举”要求");
    assertThat(drafted.get(8).supervisors()).containsExactly("org-dept", "discipline");
  }

  @Test
  void detailsOfAProblemStayWithIt() throws IOException {
    String text = Files.readString(SPEECHES.resolve("audit-rectification-meeting.txt"));

    DraftProblem relief = importer.draft(text, ORGANIZATION).problems().get(4);

    assertThat(relief.source()).startsWith("有的社区虚报冒领").endsWith("共计12人次。");
    assertThat(relief.units()).containsExactly("street-chengguan", "street-dongcheng", "street-xicheng");
    assertThat(relief.measures().get(0)).contains("虚报冒领");
  }

  @Test
  void textWithoutAListOfShortcomingsGivesNoProblemsAndSaysWhy() {
    String text = "同志们：\n今年以来，全县基层党建工作取得了新进展。大家要再接再厉，推动各项工作再上新台阶。\n";

    SpeechDraft draft = importer.draft(text, ORGANIZATION);

    assertThat(draft.problems()).isEmpty();
    assertThat(draft.notices()).singleElement().asString().contains("没有找到问题部分的结构", "请手工添加问题");
  }

  @Test
  void achievementsNumberedTheSameWayAreNotProblems() {
    String text = "一年来，工作取得明显成效：一是学习更加深入。二是组织更加健全。\n"
        + "但也要看到，还存在一些差距和不足：一是学习不够深入。有的党组织学习流于形式。二是组织建设滞后。个别社区党组织软弱涣散。\n";

    assertThat(importer.draft(text, ORGANIZATION).problems()).extracting(DraftProblem::number, DraftProblem::source)
        .containsExactly(tuple("1.1", "有的党组织学习流于形式。"), tuple("2.1", "个别社区党组织软弱涣散。"));
  }

  @Test
  void markupIsKeptAsText() {
    String text = "存在的问题：一是宣传阵地管理不严。有的社区网站<script>alert('x')</script>审核不严，<b>发布内容</b>把关不够。";

    DraftProblem problem = importer.draft(text, ORGANIZATION).problems().get(0);

    assertThat(problem.category()).isEqualTo("宣传阵地管理不严");
    assertThat(problem.source()).isEqualTo("有的社区网站<script>alert('x')</script>审核不严，<b>发布内容</b>把关不够。");
    assertThat(problem.title()).isEqualTo("社区网站<script>alert('x')</scrip…");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1、", "（1）", "(1)", "1.", "①"})
  void arabicAndCircledNumbersListProblemsToo(String first) {
    String second = first.replace('1', '2').replace('①', '②');
    String text = "反馈的问题如下：\n" + first + "学习制度落实不到位，有的支部不按时开展学习。\n" + second
        + "个别社区服务群众能力不强。\n整改要求\n要严格学习制度。\n";

    List<DraftProblem> drafted = importer.draft(text, ORGANIZATION).problems();

    assertThat(drafted).extracting(DraftProblem::number).containsExactly("1.1", "2.1");
    assertThat(drafted).extracting(DraftProblem::source)
        .containsExactly("学习制度落实不到位，有的支部不按时开展学习。", "个别社区服务群众能力不强。");
  }

  @Test
  void withoutRequirementsThereAreNoMeasuresAndANotice() {
    SpeechDraft draft = importer.draft("存在的问题：一是学习不深入。有的社区党组织学习流于形式。", ORGANIZATION);

    assertThat(draft.problems()).singleElement().satisfies(p -> assertThat(p.measures()).isEmpty());
    assertThat(draft.notices()).contains(SpeechImporter.NO_REQUIREMENTS);
  }
}
