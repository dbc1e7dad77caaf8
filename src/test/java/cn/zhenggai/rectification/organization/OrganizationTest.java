package cn.zhenggai.rectification.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhenggai.rectification.vocabulary.GroupType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrganizationTest {

  @TempDir Path dir;

  @Test
  void theSeedOrganizationHasTheDemoUnitsAndPeople() {
    Organization organization = Organization.read(Path.of("seeds/organization.yaml"));

    Map<String, Organization.Group> groups = organization.groupsById();
    assertThat(groups.get("street-chengguan").name()).isEqualTo("城关街道党工委");
    assertThat(groups.get("street-dongcheng").name()).isEqualTo("东城街道党工委");
    assertThat(groups.get("street-xicheng").name()).isEqualTo("西城街道党工委");
    assertThat(groups.get("organs").name()).isEqualTo("县直机关工委");
    assertThat(groups.get("education").name()).isEqualTo("教育工委");
    assertThat(groups.get("org-dept")).extracting(Organization.Group::name, Organization.Group::role)
        .containsExactly("县委组织部", GroupType.SUPERVISOR);
    assertThat(groups.get("discipline")).extracting(Organization.Group::name, Organization.Group::role)
        .containsExactly("县纪委监委", GroupType.SUPERVISOR);
    assertThat(groups.get("county-leaders").name()).isEqualTo("县委领导");
    assertThat(organization.users()).extracting(Organization.Person::id).containsExactlyInAnyOrder(
        "sec-chengguan", "sec-dongcheng", "sec-xicheng", "sec-organs", "sec-education",
        "sup-orgdept", "sup-discipline", "leader", "admin");
    assertThat(organization.users()).allSatisfy(user -> assertThat(user.email()).endsWith("@example.org"));
  }

  @Test
  void keywordsAreOptional() {
    Map<String, Organization.Group> groups = Organization.read(Path.of("seeds/organization.yaml")).groupsById();

    assertThat(groups.get("street-xicheng").keywords()).contains("社区", "街道");
    assertThat(groups.get("discipline").keywords()).contains("作风", "形式主义");
    assertThat(groups.get("org-dept").keywords()).isEmpty();
  }

  @Test
  void aPersonInAnUnknownUnitIsNamed() throws IOException {
    Path file = Files.writeString(dir.resolve("organization.yaml"), """
        groups:
          - id: organs
            name: 县直机关工委
            role: unit
        users:
          - id: sec-organs
            name: 陈志刚
            email: sec-organs@example.org
            groups: [organ]
        """);

    assertThatThrownBy(() -> Organization.read(file))
        .isInstanceOf(SeedFileException.class)
        .hasMessage(file + "：users 第 1 项（sec-organs） 的字段 groups：未知的单位 \"organ\"");
  }

  @Test
  void anIdCamundaWouldRejectIsNamed() throws IOException {
    Path file = Files.writeString(dir.resolve("organization.yaml"), """
        groups:
          - id: street chengguan
            name: 城关街道党工委
            role: unit
        """);

    assertThatThrownBy(() -> Organization.read(file)).hasMessageContaining("groups 第 1 项（street chengguan） 的字段 id");
  }
}
