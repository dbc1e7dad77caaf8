package cn.zhenggai.rectification.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Each table has one owning package; SQL in any other package that names it fails the build. */
class TableOwnershipTest {

  /** Table → the package that owns it (its migrations say what it holds). */
  static final Map<String, String> OWNERS = Map.ofEntries(
      Map.entry("case_problem", "casework"),
      Map.entry("case_unit", "casework"),
      Map.entry("case_event", "casework"),
      Map.entry("case_round", "rounds"),
      Map.entry("round_problem", "rounds"),
      Map.entry("round_change", "rounds"),
      Map.entry("notification", "notification"),
      Map.entry("robot_pace", "notification"),
      Map.entry("sign_in_throttle", "security"),
      Map.entry("evidence_file", "evidence"),
      Map.entry("evidence_chunk", "evidence"),
      Map.entry("extension_request", "extension"),
      Map.entry("audit_event", "audit"),
      Map.entry("app_lock", "startup"));

  /** A table named where SQL names tables. */
  private static final Pattern TABLE = Pattern.compile(
      "(?i)\\b(?:from|join|into|update|table)\\s+(" + String.join("|", OWNERS.keySet()) + ")\\b");

  private static final Path SOURCES = Path.of("src/main/java/cn/zhenggai/rectification");

  @Test
  void sqlNamesOnlyTheTablesOfItsOwnPackage() throws IOException {
    List<String> trespasses = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String packageName = SOURCES.relativize(file).getName(0).toString();
        trespasses.addAll(trespasses(packageName, file.getFileName().toString(), Files.readString(file)));
      }
    }
    assertThat(trespasses).as("SQL naming another package's table").isEmpty();
  }

  /** The check itself catches a trespass, so the test above cannot pass by finding nothing to look at. */
  @Test
  void aQueryOfAnotherPackagesTableIsFound() {
    String source = "jdbc.queryForList(\"select distinct category from case_problem order by category\");";

    assertThat(trespasses("supervision", "Pages.java", source))
        .containsExactly("supervision/Pages.java names case_problem, which belongs to casework");
    assertThat(trespasses("casework", "Ledger.java", source)).isEmpty();
  }

  static List<String> trespasses(String packageName, String file, String source) {
    List<String> found = new ArrayList<>();
    Matcher table = TABLE.matcher(source);
    while (table.find()) {
      String name = table.group(1).toLowerCase();
      if (!OWNERS.get(name).equals(packageName)) {
        found.add(packageName + "/" + file + " names " + name + ", which belongs to " + OWNERS.get(name));
      }
    }
    return found;
  }
}
