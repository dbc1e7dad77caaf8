package cn.zhenggai.rectification.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The plan of the code, as the README's 代码结构 draws it: start-up orchestration on top, the features in the middle,
 * the vocabulary shared with the BPMN at the bottom; packages import downward only and never in a circle.
 */
class LayersTest {

  static final String ROOT = "cn.zhenggai.rectification";
  static final String[] FEATURES =
      {"operations", "supervision", "rounds", "extension", "notification", "casework", "evidence", "organization",
          "problem", "speech", "security", "web", "retention", "audit"};

  static final JavaClasses PRODUCT = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages(ROOT);

  @Test
  void noPackagesImportEachOtherInACircle() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(PRODUCT);
  }

  @Test
  void packagesImportOnlyDownward() {
    String[] features = new String[FEATURES.length];
    for (int i = 0; i < FEATURES.length; i++) {
      features[i] = ROOT + "." + FEATURES[i] + "..";
    }
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("start-up").definedBy(ROOT + ".startup..")
        .layer("features").definedBy(features)
        .layer("vocabulary").definedBy(ROOT + ".vocabulary..")
        .whereLayer("start-up").mayNotBeAccessedByAnyLayer()
        .whereLayer("features").mayOnlyBeAccessedByLayers("start-up")
        .whereLayer("vocabulary").mayOnlyBeAccessedByLayers("start-up", "features")
        .check(PRODUCT);
  }

  @Test
  void theErrorContractNeedsNoFeature() {
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses().that().resideInAPackage(ROOT + ".web..")
        .should().dependOnClassesThat().resideInAnyPackage(featuresBut("web"))
        .check(PRODUCT);
  }

  /** Evidence is kept apart from the cases it belongs to: casework and supervision call it, never the other way round. */
  @Test
  void evidenceNeedsNoOtherFeature() {
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses().that().resideInAPackage(ROOT + ".evidence..")
        .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".startup..", ROOT + ".operations..",
            ROOT + ".supervision..", ROOT + ".rounds..", ROOT + ".notification..", ROOT + ".casework..",
            ROOT + ".organization..", ROOT + ".problem..", ROOT + ".speech..")
        .check(PRODUCT);
  }

  /** The speech importer is a library: it reads the organization and nothing else of ours; rounds use it. */
  @Test
  void theSpeechImporterStandsApart() {
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses().that().resideInAPackage(ROOT + ".speech..")
        .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".startup..", ROOT + ".operations..",
            ROOT + ".supervision..", ROOT + ".rounds..", ROOT + ".notification..", ROOT + ".casework..",
            ROOT + ".security..", ROOT + ".web..")
        .check(PRODUCT);
  }

  private static String[] featuresBut(String kept) {
    return java.util.Arrays.stream(FEATURES).filter(f -> !f.equals(kept)).map(f -> ROOT + "." + f + "..").toArray(String[]::new);
  }
}
