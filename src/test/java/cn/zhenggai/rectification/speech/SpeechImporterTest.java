package cn.zhenggai.rectification.speech;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.organization.Organization;
import cn.zhenggai.rectification.problem.Problem;
import cn.zhenggai.rectification.problem.ProblemList;
import cn.zhenggai.rectification.vocabulary.GroupType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The seed speech, imported, gives the problem list that the organization department made from it by hand. */
class SpeechImporterTest {

  static final Organization ORGANIZATION = Organization.read(Path.of("seeds/organization.yaml"));
  static final Path SPEECH = Path.of("seeds/speech-2022-grassroots-party-building.txt");
  static final List<String> STREETS = List.of("street-chengguan", "street-dongcheng", "street-xicheng");

  private final SpeechImporter importer = new SpeechImporter();

  @Test
  void theSeedSpeechGivesTheNineProblemsOfTheSeedList() throws IOException {
    String speech = Files.readString(SPEECH);
    List<Problem> expected = ProblemList.read(Path.of("seeds/problems.yaml"), ORGANIZATION).problems();

    List<DraftProblem> drafted = importer.draft(speech, ORGANIZATION).problems();

    assertThat(drafted).extracting(DraftProblem::number).containsExactlyElementsOf(expected.stream().map(Problem::id).toList());
    for (int i = 0; i < expected.size(); i++) {
      DraftProblem draft = drafted.get(i);
      Problem problem = expected.get(i);
      assertThat(draft.source()).as(problem.id()).isEqualTo(problem.source())
          .isEqualTo(speech.substring(draft.sourceStart(), draft.sourceEnd()));
      assertThat(draft.category()).as(problem.id()).isEqualTo(problem.category());
      assertThat(draft.units()).as(problem.id()).containsExactlyElementsOf(problem.units());
      assertThat(draft.supervisors()).as(problem.id()).containsExactlyElementsOf(problem.supervisors());
    }
  }

  @Test
  void unitsAreUnitsAndTheCommunityProblemGoesToTheStreetCommittees() throws IOException {
    Set<String> units = ORGANIZATION.groups().stream().filter(g -> g.role() == GroupType.UNIT)
        .map(Organization.Group::id).collect(Collectors.toSet());

    SpeechDraft draft = importer.draft(Files.readString(SPEECH), ORGANIZATION);

    assertThat(draft.problems()).allSatisfy(problem -> {
      assertThat(units).containsAll(problem.units());
      assertThat(problem.unitsUnsure()).isFalse();
    });
    DraftProblem community = draft.problems().get(1);
    assertThat(community.source()).contains("社区");
    assertThat(community.units()).containsExactlyElementsOf(STREETS);
    assertThat(draft.notices()).noneMatch(notice -> notice.contains("责任单位"));
  }

  @Test
  void titlesAreTheSourcesOwnFirstWords() throws IOException {
    List<DraftProblem> drafted = importer.draft(Files.readString(SPEECH), ORGANIZATION).problems();

    assertThat(drafted).allSatisfy(problem -> {
      assertThat(problem.title()).hasSizeBetween(4, Titles.MAX);
      assertThat(problem.source()).contains(problem.title().replace("…", ""));
    });
    assertThat(drafted).extracting(DraftProblem::title).contains(
        "基层党组织对习近平新时代中国特色社会主义思想学习不够深入",
        "社区党组织组织群众、宣传群众、凝聚群众、服务群众能力不强",
        "街道党工委统筹协调能力弱",
        "没有形成“管委会吹哨、部门报到”的长效机制",
        "共建共治共享还没有形成常态");
  }

  @Test
  void measuresAreRequirementsOfTheSpeechThatShareItsTerms() throws IOException {
    String speech = Files.readString(SPEECH);
    int requirements = speech.indexOf("大家都知道");

    List<DraftProblem> drafted = importer.draft(speech, ORGANIZATION).problems();

    assertThat(drafted).allSatisfy(problem -> {
      assertThat(problem.measures()).isNotEmpty().hasSizeLessThanOrEqualTo(Measures.MAX_PER_PROBLEM);
      problem.measures().forEach(measure -> assertThat(speech.indexOf(measure)).as(measure).isGreaterThan(requirements));
    });
    assertThat(drafted.get(0).measures().get(0)).contains("强化理论武装", "习近平新时代中国特色社会主义思想");
    assertThat(drafted.get(3).measures().get(0)).contains("促乡村振兴");
    assertThat(drafted.get(8).measures()).anyMatch(measure -> measure.contains("八项规定") && measure.contains("四风"));
    assertThat(drafted.get(8).measures()).noneMatch(measure -> measure.contains("学校党建"));
  }

  @Test
  void workStyleProblemsAreCoSupervisedByTheDisciplineCommission() {
    String text = "存在的问题：一是作风不实。个别干部形式主义、官僚主义问题突出。二是学习不够。有的社区党组织学习流于形式。";

    List<DraftProblem> drafted = importer.draft(text, ORGANIZATION).problems();

    assertThat(drafted).extracting(DraftProblem::supervisors)
        .containsExactly(List.of("org-dept", "discipline"), List.of("org-dept"));
  }

  @Test
  void aProblemOfNoUnitIsLeftUnassignedAndNamedInANotice() {
    String text = "存在的问题：一是财务管理不规范。有的项目化整为零规避公开招标。二是社区服务不到位。个别社区服务群众能力不强。";

    SpeechDraft draft = importer.draft(text, ORGANIZATION);

    assertThat(draft.problems().get(0).units()).isEmpty();
    assertThat(draft.problems().get(0).unitsUnsure()).isTrue();
    assertThat(draft.problems().get(1).units()).containsExactlyElementsOf(STREETS);
    assertThat(draft.notices()).contains("问题 1.1 没有匹配到责任单位，请指定。")
        .noneMatch(notice -> notice.contains("1.2"));
  }

  @Test
  void aUnitNamedInTheProblemIsSuggestedAlone() {
    String text = "存在的问题：一是联系群众不紧密。城关街道党工委所属个别社区服务群众能力不强。";

    assertThat(importer.draft(text, ORGANIZATION).problems().get(0).units()).containsExactly("street-chengguan");
  }
}
