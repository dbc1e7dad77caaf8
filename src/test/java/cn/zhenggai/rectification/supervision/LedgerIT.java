package cn.zhenggai.rectification.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.casework.CaseDriver;
import cn.zhenggai.rectification.casework.CaseStarter;
import cn.zhenggai.rectification.evidence.EvidenceItem;
import cn.zhenggai.rectification.evidence.EvidenceStore;
import cn.zhenggai.rectification.evidence.EvidenceUploads;
import cn.zhenggai.rectification.evidence.NewEvidence;
import cn.zhenggai.rectification.evidence.SampleFiles;
import cn.zhenggai.rectification.vocabulary.Stage;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.util.UriComponentsBuilder;

/** The ledger on the seeded cases driven to known states, checked row by row, and read back from its files. */
class LedgerIT extends PostgresApplicationTest {

  static final String FORMULA = "=HYPERLINK(\"http://example.org\",\"点击\")";
  /** A file name a spreadsheet would take for a formula. */
  static final String SIGN_IN_SHEET = "=1+2 签到表.xlsx";
  /** Unit item → the names of its evidence files, as attached in the known states; every other item has none. */
  static final Map<String, List<String>> EVIDENCE = Map.of(
      "2022-SZPY/2.1/street-chengguan", List.of("学习计划.docx", "支部会议记录.txt"),
      "2022-SZPY/2.1/street-dongcheng", List.of("整改记录.pdf"),
      "2022-SZPY/1.1/street-xicheng", List.of(SIGN_IN_SHEET));

  @Autowired ProcessEngine engine;
  @Autowired EvidenceUploads evidence;
  @Autowired EvidenceStore store;
  @Autowired TestRestTemplate anonymous;
  @Autowired JdbcTemplate jdbc;
  @Autowired CaseStarter starter;
  TestRestTemplate supervisor;
  static boolean driven;

  @BeforeEach
  void knownStates() {
    supervisor = anonymous.withBasicAuth("sup-orgdept", "demo");
    if (driven) {
      return;
    }
    CaseDriver driver = new CaseDriver(engine, evidence);
    Map<String, Object> plan = CaseDriver.plan("street-chengguan");
    plan.put(UnitRectificationProcess.PLAN_MEASURES, FORMULA);
    Task chengguan = driver.unitTask("2.1", "street-chengguan");
    AttachedFiles.attach(evidence, chengguan, "street-chengguan", "sec-chengguan", "学习计划.docx", SampleFiles.docx("学习计划"));
    AttachedFiles.attach(evidence, chengguan, "street-chengguan", "sec-chengguan", "支部会议记录.txt",
        SampleFiles.text("支部会议记录", StandardCharsets.UTF_8));
    driver.completeAs("sec-chengguan", chengguan, plan);
    driver.submitPlan("2.1", "street-dongcheng", "sec-dongcheng");
    driver.reviewPlan("2.1", "street-dongcheng", "sup-orgdept", true, null);
    driver.submitReport("2.1", "street-dongcheng", "sec-dongcheng");
    AttachedFiles.attach(evidence, driver.unitTask("1.1", "street-xicheng"), "street-xicheng", "sec-xicheng", SIGN_IN_SHEET,
        SampleFiles.xlsx("签到表"));
    driver.submitPlan("1.1", "street-xicheng", "sec-xicheng");
    driver.reviewPlan("1.1", "street-xicheng", "sup-orgdept", false, "措施不具体");
    jdbc.update("update case_unit set due_at = now() - interval '3 days' + interval '1 hour' where problem_id = '2022-SZPY/3.3' and unit_id = 'organs'");
    OtherRounds.open(starter, jdbc);
    driven = true;
  }

  @Test
  void theLedgerHasOneRowPerProblemAndUnitInItsKnownState() {
    assertThat(page("?round=2022-SZPY").get("total").asInt()).isEqualTo(35);
    assertThat(page("?round=2022-SZPY&unit=street-chengguan").get("total").asInt()).isEqualTo(9);
    assertThat(page("?category=城市基层党建整体联动机制还不健全").get("total").asInt()).isEqualTo(11);

    JsonNode review = page("?stage=REVIEW_PLAN").get("rows");
    assertThat(review).hasSize(1);
    assertThat(review.get(0).get("problemId").asText()).isEqualTo("2022-SZPY/2.1");
    assertThat(review.get(0).get("problemNumber").asText()).isEqualTo("2.1");
    assertThat(review.get(0).get("roundName").asText()).isEqualTo("2022年度抓基层党建工作述职评议");
    assertThat(review.get(0).get("unitName").asText()).isEqualTo("城关街道党工委");
    assertThat(review.get(0).get("measures").asText()).isEqualTo(FORMULA);
    assertThat(review.get(0).get("responsiblePerson").asText()).isEqualTo("党工委副书记 王明");

    JsonNode accepting = page("?stage=ACCEPT_RECTIFICATION").get("rows").get(0);
    assertThat(accepting.get("unitId").asText()).isEqualTo("street-dongcheng");
    assertThat(accepting.get("planDays").asInt()).as("assigned and approved the same day: a begun day counts").isEqualTo(1);
    assertThat(review.get(0).get("planDays").isNull()).as("not approved yet").isTrue();
    assertThat(accepting.get("progress").asText()).contains("已开展专题学习 4 次");

    JsonNode mostReturned = page("?sort=returns&desc=true&limit=1").get("rows").get(0);
    assertThat(mostReturned.get("problemId").asText() + "/" + mostReturned.get("unitId").asText())
        .isEqualTo("2022-SZPY/1.1/street-xicheng");
    assertThat(mostReturned.get("returns").asInt()).isEqualTo(1);

    JsonNode overdue = page("?overdue=true").get("rows");
    assertThat(overdue).hasSize(1);
    assertThat(overdue.get(0).get("unitId").asText()).isEqualTo("organs");
    assertThat(overdue.get(0).get("daysOverdue").asInt()).isEqualTo(3);

    jdbc.update("update case_unit set plan_approved_at = started_at + interval '19 days 2 hours'"
        + " where problem_id = '2022-SZPY/2.1' and unit_id = 'street-dongcheng'");
    assertThat(page("?stage=ACCEPT_RECTIFICATION").get("rows").get(0).get("planDays").asInt()).isEqualTo(20);
  }

  @Test
  void eachRowCountsItsUnitItemsEvidenceFiles() {
    JsonNode rows = page("?round=2022-SZPY&limit=1000").get("rows");
    assertThat(rows).hasSize(35);
    Map<String, List<String>> listed = new HashMap<>();
    for (JsonNode row : rows) {
      List<String> names = new ArrayList<>();
      row.get("evidenceFiles").forEach(name -> names.add(name.asText()));
      assertThat(row.get("evidenceCount").asInt()).as(item(row)).isEqualTo(names.size());
      if (!names.isEmpty()) {
        listed.put(item(row), names);
      }
    }
    assertThat(listed).as("in upload order; none on the other 32 rows").isEqualTo(EVIDENCE);

    String ledger = supervisor.getForObject("/supervision/ledger?round=2022-SZPY&unit=street-chengguan", String.class);
    assertThat(ledger).contains("<th title=\"本单位上传的方案和整改佐证材料份数\">佐证材料</th>",
        "<a href=\"/supervision/cases/2022-SZPY/2.1#evidence-street-chengguan\" title=\"学习计划.docx、支部会议记录.txt\">2</a>");
    assertThat(ledger.split("<td class=\"count\">0</td>", -1)).as("the other 8 rows of the unit").hasSize(9);
  }

  @Test
  void byDefaultTheRoundsInProgressEachNumberingItsOwnProblems() {
    JsonNode all = page("?limit=1000");
    assertThat(all.get("total").asInt()).as("35 of the demo round, 4 of the inspection round, none of the closed round").isEqualTo(39);
    assertThat(all.get("rows")).extracting(r -> r.get("roundName").asText()).containsOnly(
        "2022年度抓基层党建工作述职评议", OtherRounds.INSPECTION_NAME);
    assertThat(all.get("rows")).extracting(r -> r.get("problemId").asText())
        .contains("2022-SZPY/1.1", "2023-XCFK/1.1").doesNotContain("1.1", "2021-ZXDC/1.1");

    JsonNode inspection = page("?round=2023-XCFK").get("rows");
    assertThat(inspection).extracting(r -> r.get("problemNumber").asText() + " " + r.get("unitId").asText())
        .as("numbers read as numbers: 1.2 before 1.10")
        .containsExactly("1.1 street-chengguan", "1.1 street-dongcheng", "1.2 street-chengguan", "1.10 street-chengguan");
    assertThat(page("?round=2023-XCFK&sort=problem&desc=true").get("rows").get(0).get("problemNumber").asText()).isEqualTo("1.10");

    JsonNode closed = page("?round=2021-ZXDC");
    assertThat(closed.get("total").asInt()).as("a closed round can still be chosen").isEqualTo(1);
    assertThat(closed.get("rows").get(0).get("problemId").asText()).isEqualTo("2021-ZXDC/1.1");
    assertThat(page("?round=all").get("total").asInt()).isEqualTo(40);
    assertThat(page("?round=NO-SUCH-ROUND").get("total").asInt()).isZero();
  }

  @Test
  void aBadFilterIsA400NamingTheParameter() {
    ResponseEntity<JsonNode> response = supervisor.getForEntity("/api/ledger?sort=password", JsonNode.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().get("detail").asText()).startsWith("排序字段 sort 只能是");
    for (String round : List.of("' or 1=1 --", "../2022-SZPY", "2022-SZPY/1.1", "x".repeat(40), "<script>")) {
      ResponseEntity<JsonNode> bad = supervisor.getForEntity(
          UriComponentsBuilder.fromPath("/api/ledger").queryParam("round", round).encode().build().toUri(), JsonNode.class);
      assertThat(bad.getStatusCode()).as(round).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(bad.getBody().get("detail").asText()).startsWith("整改批次 round 只能是");
    }
    for (String path : List.of("/supervision/ledger.csv", "/supervision/ledger", "/supervision/", "/supervision/statistics",
        "/api/ledger/overview", "/api/ledger/statistics")) {
      assertThat(supervisor.getForEntity(path + "?round=bad.round", String.class).getStatusCode()).as(path)
          .isEqualTo(HttpStatus.BAD_REQUEST);
    }
  }

  @Test
  void theExcelFileReadsBackWithChineseIntactAndTheFormulaNeutralised() throws Exception {
    ResponseEntity<byte[]> response = supervisor.getForEntity("/supervision/ledger.xlsx?round=2022-SZPY", byte[].class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getHeaders().getContentDisposition().getFilename()).isEqualTo("整改台账-2022年度抓基层党建工作述职评议.xlsx");
    assertThat(response.getHeaders().getFirst("Content-Disposition")).contains("filename=\"ledger-2022-SZPY.xlsx\"");
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.getBody()))) {
      Sheet sheet = workbook.getSheet("2022年度抓基层党建工作述职评议");
      assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("整改台账（2022年度抓基层党建工作述职评议）");
      assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).as("the legend under the title")
          .isEqualTo("督办颜色：蓝：3 天内到期 黄：逾期 红：逾期超过 7 天 绿：按期办结");
      assertThat(texts(sheet.getRow(2))).containsExactlyElementsOf(LedgerExport.COLUMNS);
      assertThat(sheet.getLastRowNum()).isEqualTo(37);
      List<List<String>> rows = new ArrayList<>();
      for (int i = 3; i <= 37; i++) {
        rows.add(texts(sheet.getRow(i)));
      }
      List<String> chengguan21 = rows.stream()
          .filter(r -> r.get(2).startsWith("2.1 ") && r.get(4).equals("城关街道党工委")).findFirst().orElseThrow();
      assertThat(chengguan21.get(3)).isEqualTo("'" + FORMULA);
      assertThat(chengguan21.get(1)).isEqualTo("少数基层党组织作用发挥不够");
      assertThat(chengguan21.get(LedgerExport.COLUMNS.indexOf("整改进展"))).isEqualTo("审核整改方案");
      assertThat(chengguan21.get(LedgerExport.COLUMNS.indexOf("是否销号"))).isEqualTo("否");
      assertThat(chengguan21.get(LedgerExport.COLUMNS.indexOf("原定时限"))).isEqualTo("2027-04-30");
      assertThat(chengguan21.subList(LedgerExport.COLUMNS.indexOf("延期至"), LedgerExport.COLUMNS.indexOf("延期次数") + 1))
          .as("no extension").containsExactly("", "0");
      assertThat(chengguan21.subList(LedgerExport.COLUMNS.indexOf("回头看"), LedgerExport.COLUMNS.indexOf("复号次数") + 1))
          .as("not looked back at").containsExactly("", "0");
      assertThat(rows).extracting(r -> r.get(0)).startsWith("1", "2", "3");

      int evidence = LedgerExport.COLUMNS.indexOf("佐证材料");
      assertThat(evidence).as("after 完成情况").isEqualTo(LedgerExport.COLUMNS.indexOf("完成情况") + 1);
      Map<String, String> byItem = new HashMap<>();
      for (int i = 3; i <= 37; i++) {
        Cell cell = sheet.getRow(i).getCell(evidence);
        assertThat(cell.getCellStyle().getWrapText()).as("one name a line").isTrue();
        if (!cell.getStringCellValue().isEmpty()) {
          byItem.put(rows.get(i - 3).get(2).split(" ")[0] + " " + rows.get(i - 3).get(4), cell.getStringCellValue());
        }
      }
      assertThat(byItem).as("an empty cell on every other row").containsOnly(
          Map.entry("2.1 城关街道党工委", "学习计划.docx\n支部会议记录.txt"),
          Map.entry("2.1 东城街道党工委", "整改记录.pdf"),
          Map.entry("1.1 西城街道党工委", "'" + SIGN_IN_SHEET));
    }
  }

  @Test
  void theCsvFileStartsWithAByteOrderMarkAndParsesBack() throws Exception {
    ResponseEntity<byte[]> response = supervisor.getForEntity("/supervision/ledger.csv?unit=street-chengguan", byte[].class);

    assertThat(response.getHeaders().getContentDisposition().getFilename()).as("the rounds in progress, newest first")
        .isEqualTo("整改台账-2023-XCFK_2022-SZPY.csv");
    List<CSVRecord> records = csv(response.getBody());
    assertThat(records).hasSize(15);
    assertThat(records.get(0).get(0)).isEqualTo("整改台账（2023年巡察反馈、2022年度抓基层党建工作述职评议）");
    assertThat(records.get(1).get(0)).isEqualTo("督办颜色：蓝：3 天内到期 黄：逾期 红：逾期超过 7 天 绿：按期办结");
    List<String> columns = new ArrayList<>(LedgerExport.COLUMNS);
    columns.add(1, "整改批次");
    assertThat(records.get(2).toList()).containsExactlyElementsOf(columns);
    assertThat(records.subList(3, 15)).allSatisfy(r -> assertThat(r.get(5)).isEqualTo("城关街道党工委"));
    assertThat(records.subList(3, 15)).extracting(r -> r.get(1))
        .containsOnly(OtherRounds.INSPECTION_NAME, "2022年度抓基层党建工作述职评议");
    assertThat(records.subList(3, 15)).anySatisfy(r -> assertThat(r.get(4)).isEqualTo("'" + FORMULA));
    assertThat(records.subList(3, 15)).extracting(r -> r.get(columns.indexOf("佐证材料"))).as("佐证材料, after 完成情况")
        .filteredOn(names -> !names.isEmpty()).containsExactly("学习计划.docx\n支部会议记录.txt");
  }

  @Test
  void anExportOfOneRoundNamesItInTheFileNameAndTheTitleLine() throws Exception {
    ResponseEntity<byte[]> response = supervisor.getForEntity("/supervision/ledger.csv?round=2023-XCFK", byte[].class);

    assertThat(response.getHeaders().getContentDisposition().getFilename()).isEqualTo("整改台账-2023年巡察反馈.csv");
    assertThat(response.getHeaders().getFirst("Content-Disposition"))
        .startsWith("attachment; filename=\"ledger-2023-XCFK.csv\"; filename*=UTF-8''");
    List<CSVRecord> records = csv(response.getBody());
    assertThat(records.get(0).get(0)).isEqualTo("整改台账（2023年巡察反馈）");
    assertThat(records.get(2).toList()).containsExactlyElementsOf(LedgerExport.COLUMNS);
    assertThat(records.subList(3, records.size())).extracting(r -> r.get(2).split(" ")[0])
        .containsExactly("1.1", "1.1", "1.2", "1.10");

    ResponseEntity<byte[]> closed = supervisor.getForEntity("/supervision/ledger.xlsx?round=2021-ZXDC", byte[].class);
    assertThat(closed.getHeaders().getContentDisposition().getFilename()).isEqualTo("整改台账-2021年专项督查.xlsx");
    ResponseEntity<byte[]> all = supervisor.getForEntity("/supervision/ledger.csv?round=all", byte[].class);
    assertThat(all.getHeaders().getContentDisposition().getFilename()).isEqualTo("整改台账-全部批次.csv");
    assertThat(csv(all.getBody())).hasSize(43);
  }

  /**
   * 1,100 rows of a round of their own (220 problems × 5 units), read for the export 500 at a time with the evidence of
   * each batch asked for while the rows' cursor stays open: the files of the first and last rows, and of the rows on
   * both sides of each batch's end, stand on their own rows. The round is removed afterwards.
   */
  @Test
  void anExportOfManyRowsListsEachRowsEvidenceAcrossItsBatches() throws Exception {
    jdbc.update("insert into case_problem (problem_id, round_code, round_name, problem_number, category, title, source_text,"
        + " supervisor_groups, deadline, process_instance_id, stage, status, started_at)"
        + " select 'MANY/' || g, 'MANY', '多行批次', '' || g, '类别', '问题 ' || g, '原文 ' || g, 'org-dept',"
        + " date '2027-06-30', 'many-' || g, 'UNITS_RECTIFYING', 'OPEN', now() from generate_series(1, 220) g");
    jdbc.update("insert into case_unit (problem_id, round_code, problem_order, unit_id, process_instance_id, stage, status,"
        + " card, plan_returns, rectification_returns, returns_total, late_tasks, started_at)"
        + " select 'MANY/' || g, 'MANY', 'MANY/' || lpad('' || g, 6, '0'), u.unit_id, 'many-' || g || '-' || u.unit_id,"
        + " 'RECTIFY', 'OPEN', 'NONE', 0, 0, 0, 0, now() from generate_series(1, 220) g cross join (values ('education'),"
        + " ('organs'), ('street-chengguan'), ('street-dongcheng'), ('street-xicheng')) as u (unit_id)");
    try {
      // row n of the export is problem (n + 4) / 5, unit (n - 1) % 5 in the order above
      Map<Integer, String> files = Map.of(1, "第1行.txt", 500, "第500行.txt", 501, "第501行.txt", 1000, "第1000行.txt",
          1001, "第1001行.txt", 1100, "第1100行.txt");
      List<String> units = List.of("education", "organs", "street-chengguan", "street-dongcheng", "street-xicheng");
      for (Map.Entry<Integer, String> file : files.entrySet()) {
        int row = file.getKey();
        store(EvidenceItem.of("MANY/" + (row + 4) / 5 + "/" + units.get((row - 1) % 5)), file.getValue());
      }

      List<CSVRecord> records = csv(supervisor.getForEntity("/supervision/ledger.csv?round=MANY", byte[].class).getBody());

      assertThat(records).hasSize(3 + 1100);
      int evidence = LedgerExport.COLUMNS.indexOf("佐证材料");
      for (int row = 1; row <= 1100; row++) {
        assertThat(records.get(row + 2).get(evidence)).as("row " + row).isEqualTo(files.getOrDefault(row, ""));
      }
    } finally {
      jdbc.update("delete from evidence_chunk where file_id in (select id from evidence_file where round_code = 'MANY')");
      jdbc.update("delete from evidence_file where round_code = 'MANY'");
      jdbc.update("delete from case_unit where round_code = 'MANY'");
      jdbc.update("delete from case_problem where round_code = 'MANY'");
    }
  }

  /** A small text file on the item, stored through the evidence store as an upload stores it. */
  private void store(EvidenceItem item, String name) throws Exception {
    byte[] content = name.getBytes(StandardCharsets.UTF_8);
    Path file = Files.write(Files.createTempFile("evidence", ".txt"), content);
    try {
      String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
      store.add(new NewEvidence(item, "no-task", Stage.RECTIFY, name, "text/plain", content.length, sha256, "sec-chengguan"), file);
    } finally {
      Files.delete(file);
    }
  }

  private static List<CSVRecord> csv(byte[] body) throws java.io.IOException {
    assertThat(body).startsWith(0xEF, 0xBB, 0xBF);
    return CSVFormat.RFC4180.parse(new StringReader(new String(body, 3, body.length - 3, StandardCharsets.UTF_8))).getRecords();
  }

  @Test
  void theLedgerIsForSupervisorsLeadersAndAdministrators() {
    for (String user : List.of("sup-orgdept", "sup-discipline", "leader", "admin")) {
      assertThat(anonymous.withBasicAuth(user, "demo").getForEntity("/supervision/ledger.csv", byte[].class).getStatusCode())
          .as(user).isEqualTo(HttpStatus.OK);
    }
    TestRestTemplate secretary = anonymous.withBasicAuth("sec-chengguan", "demo");
    assertThat(secretary.getForEntity("/supervision/ledger.xlsx", byte[].class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(secretary.getForEntity("/api/ledger", String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(anonymous.getForEntity("/api/ledger", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  private static String item(JsonNode row) {
    return row.get("problemId").asText() + "/" + row.get("unitId").asText();
  }

  private JsonNode page(String query) {
    return supervisor.getForObject("/api/ledger" + query, JsonNode.class);
  }

  private static List<String> texts(org.apache.poi.ss.usermodel.Row row) {
    List<String> texts = new ArrayList<>();
    for (Cell cell : row) {
      texts.add(switch (cell.getCellType()) {
        case NUMERIC -> String.valueOf((long) cell.getNumericCellValue());
        default -> cell.getStringCellValue();
      });
    }
    return texts;
  }
}
