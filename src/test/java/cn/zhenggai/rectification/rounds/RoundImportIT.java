package cn.zhenggai.rectification.rounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.vocabulary.RefusedInput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A round's list proposed from a Word file or pasted text, kept as a draft, and published from there. */
class RoundImportIT extends PostgresApplicationTest {

  static final Actor SUPERVISOR = new Actor("sup-orgdept", "赵明远");
  static final Path SPEECH = Path.of("seeds/speech-2022-grassroots-party-building.txt");

  @Autowired Rounds rounds;
  @Autowired RoundImport imports;
  @Autowired RoundPublishing publishing;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aWordFileOfTheSpeechGivesItsNineProblemsWhichPublishAsCases() throws IOException {
    String code = rounds.create(new RoundForm(null, "2023年度抓基层党建工作述职评议", "述职评议", LocalDate.of(2024, 1, 18),
        LocalDate.of(2024, 12, 31)), SUPERVISOR);
    assertThat(code).isEqualTo("2024-SZPY");

    List<String> notices = imports.importFile(code, "总结讲话.docx", docx(Files.readString(SPEECH)), SUPERVISOR);

    List<DraftProblem> draft = rounds.problems(code);
    assertThat(draft).extracting(DraftProblem::number)
        .containsExactly("1.1", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "4.1", "4.2");
    String text = rounds.find(code).orElseThrow().sourceText();
    assertThat(draft).allSatisfy(problem -> {
      assertThat(text.substring(problem.sourceStart(), problem.sourceEnd())).isEqualTo(problem.source());
      assertThat(problem.deadline()).isEqualTo(LocalDate.of(2024, 12, 31));
    });
    assertThat(rounds.find(code).orElseThrow().sourceName()).isEqualTo("总结讲话.docx");
    assertThat(rounds.changes(code)).extracting(RoundChange::what).first().asString().startsWith("导入总结讲话.docx：拟出 9 个问题");
    assertThat(notices).noneMatch(notice -> notice.contains("没有找到"));
    assertThat(rounds.check(code)).isEmpty();

    assertThat(publishing.publish(code, SUPERVISOR)).isEqualTo(9);
    assertThat(jdbc.queryForObject("select count(*) from case_problem where round_code = ?", Long.class, code)).isEqualTo(9);
    assertThat(jdbc.queryForObject("select count(*) from case_problem where problem_id = '2024-SZPY/1.1'", Long.class)).isOne();
    assertThat(jdbc.queryForObject("select count(*) from case_problem where problem_id = '2022-SZPY/1.1'", Long.class))
        .as("the demo round's 1.1 is another case").isOne();
  }

  @Test
  void textWithoutStructureGivesAnEmptyDraftAndABrokenFileChangesNothing() {
    String code = rounds.create(new RoundForm(null, "2024年专项督查", "专项督查", LocalDate.of(2024, 9, 1),
        LocalDate.of(2025, 6, 30)), SUPERVISOR);
    imports.importText(code, "会议要求各单位认真抓好落实。<script>alert(1)</script>", SUPERVISOR);
    assertThat(rounds.problems(code)).isEmpty();
    assertThat(rounds.find(code).orElseThrow().sourceText()).contains("<script>alert(1)</script>");

    imports.importText(code, "存在的问题：一是学习不够深入，有的支部学习流于形式。二是制度执行不严，有的单位三会一课不规范。", SUPERVISOR);
    int listed = rounds.problems(code).size();
    assertThat(listed).isPositive();
    assertThatThrownBy(() -> imports.importFile(code, "报告.docx", "这不是 Word 文件".getBytes(StandardCharsets.UTF_8), SUPERVISOR))
        .isInstanceOf(RefusedInput.class).hasMessageContaining("报告.docx");
    assertThat(rounds.problems(code)).as("the draft as it was").hasSize(listed);
    assertThatThrownBy(() -> imports.importText(code, "  ", SUPERVISOR)).isInstanceOf(RefusedInput.class);
  }

  private static byte[] docx(String text) throws IOException {
    try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      for (String line : text.split("\n")) {
        document.createParagraph().createRun().setText(line.strip());
      }
      document.write(out);
      return out.toByteArray();
    }
  }
}
