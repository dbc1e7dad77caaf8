package cn.zhenggai.rectification.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.casework.CaseDriver;
import cn.zhenggai.rectification.casework.CaseOpening;
import cn.zhenggai.rectification.casework.CaseStarter;
import cn.zhenggai.rectification.evidence.EvidenceUploads;
import cn.zhenggai.rectification.problem.Problem;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The 督办 colours on a round of its own, its cases driven through the engine while the engine clock moves, then read
 * 13 days after they opened (before-due P3D, red-after P7D, every problem's deadline 10 days after the opening):
 * <ul>
 *   <li>1 green: plan, report and acceptance on the first day;
 *   <li>2 none: accepted on day 12, after its deadline (closed late is not green);
 *   <li>3 red: plan submitted on day 0, its review due on day 5, so 8 days overdue;
 *   <li>4 yellow: plan submitted on day 5, its review due on day 10, 3 days overdue;
 *   <li>5 blue: the plan, due on day 15, not yet written;
 *   <li>6 none: its deadline 30 days after the opening, plan submitted on day 12, its review due on day 17;
 *   <li>7 two units: 城关 green as 1, 东城 blue as 5; the problem blue, the worst of the two.
 * </ul>
 */
class ColoursIT extends PostgresApplicationTest {

  static final String ROUND = "2026-DBYS";
  static final String LEGEND = "蓝：3 天内到期 黄：逾期 红：逾期超过 7 天 绿：按期办结";
  static final String CHENGGUAN = "城关街道党工委";
  static final String DONGCHENG = "东城街道党工委";
  /** Row ("number unit") → the colour it shows, in the ledger's order. */
  static final Map<String, String> COLOURS = new LinkedHashMap<>();
  /** The moment the ledger is read: 13 days after the cases opened. */
  static Date readAt;
  /** Each problem's deadline: 10 days after the cases opened, 30 days for problem 6. */
  static final Map<String, LocalDate> DEADLINES = new java.util.HashMap<>();

  static {
    COLOURS.put("1 " + CHENGGUAN, "GREEN");
    COLOURS.put("2 " + CHENGGUAN, "NONE");
    COLOURS.put("3 " + CHENGGUAN, "RED");
    COLOURS.put("4 " + CHENGGUAN, "YELLOW");
    COLOURS.put("5 " + CHENGGUAN, "BLUE");
    COLOURS.put("6 " + CHENGGUAN, "NONE");
    COLOURS.put("7 " + CHENGGUAN, "GREEN");
    COLOURS.put("7 " + DONGCHENG, "BLUE");
  }

  @Autowired ProcessEngine engine;
  @Autowired EvidenceUploads evidence;
  @Autowired CaseStarter starter;
  @Autowired TestRestTemplate anonymous;
  TestRestTemplate supervisor;

  @BeforeEach
  void knownStates() {
    supervisor = anonymous.withBasicAuth("sup-orgdept", "demo");
    if (readAt != null) {
      ClockUtil.setCurrentTime(readAt);
      return;
    }
    ClockUtil.reset();
    Date opened = ClockUtil.getCurrentTime();
    ClockUtil.setCurrentTime(opened);
    LocalDate deadline = opened.toInstant().plus(Duration.ofDays(10)).atZone(ZoneId.of("Asia/Shanghai")).toLocalDate();
    open("1", deadline, "street-chengguan");
    open("2", deadline, "street-chengguan");
    open("3", deadline, "street-chengguan");
    open("4", deadline, "street-chengguan");
    open("5", deadline, "street-chengguan");
    open("6", deadline.plusDays(20), "street-chengguan");
    open("7", deadline, "street-chengguan", "street-dongcheng");
    CaseDriver driver = new CaseDriver(engine, evidence);
    accept(driver, "1", "street-chengguan", "sec-chengguan");
    accept(driver, "7", "street-chengguan", "sec-chengguan");
    submitPlan(driver, "2", "street-chengguan", "sec-chengguan");
    driver.reviewPlan(key("2"), "street-chengguan", "sup-orgdept", true, null);
    submitPlan(driver, "3", "street-chengguan", "sec-chengguan");
    at(opened, 5);
    submitPlan(driver, "4", "street-chengguan", "sec-chengguan");
    at(opened, 12);
    driver.submitReport(key("2"), "street-chengguan", "sec-chengguan");
    driver.acceptRectification(key("2"), "street-chengguan", "sup-orgdept", true, null);
    submitPlan(driver, "6", "street-chengguan", "sec-chengguan");
    readAt = at(opened, 13);
  }

  @AfterAll
  static void clockBack() {
    ClockUtil.reset();
  }

  @Test
  void eachRowHasItsColourInTheJson() {
    JsonNode rows = page("").get("rows");

    Map<String, String> colours = new LinkedHashMap<>();
    rows.forEach(row -> colours.put(row(row), row.get("colour").asText()));
    assertThat(colours).containsExactlyEntriesOf(COLOURS);
    assertThat(rows).extracting(row -> row.get("colourName").asText())
        .containsExactly("绿", "", "红", "黄", "蓝", "", "绿", "蓝");
    assertThat(rows.get(2).get("daysOverdue").asInt()).as("3: its review was due on day 5").isEqualTo(8);
    assertThat(rows.get(3).get("daysOverdue").asInt()).as("4: its review was due on day 10").isEqualTo(3);
  }

  @Test
  void theColourFilterFindsTheSameRows() {
    assertThat(rowsOf("&colour=RED")).containsExactly("3 " + CHENGGUAN);
    assertThat(rowsOf("&colour=YELLOW")).containsExactly("4 " + CHENGGUAN);
    assertThat(rowsOf("&colour=BLUE")).containsExactly("5 " + CHENGGUAN, "7 " + DONGCHENG);
    assertThat(rowsOf("&colour=green")).containsExactly("1 " + CHENGGUAN, "7 " + CHENGGUAN);
    assertThat(page("&colour=GREEN&unit=street-dongcheng").get("total").asInt()).isZero();
    assertThat(page("&colour=BLUE&unit=street-dongcheng").get("total").asInt()).isEqualTo(1);

    for (String bad : List.of("NONE", "purple", "红")) {
      ResponseEntity<JsonNode> refused = supervisor.getForEntity("/api/ledger?colour=" + bad, JsonNode.class);
      assertThat(refused.getStatusCode()).as(bad).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(refused.getBody().get("detail").asText()).isEqualTo("颜色 colour 只能是 BLUE（蓝）、YELLOW（黄）、RED（红）或 GREEN（绿）");
    }
  }

  @Test
  void theLedgerPageShowsTheLegendAndAFilledCellPerRow() {
    String ledger = supervisor.getForObject("/supervision/ledger?round=" + ROUND, String.class);

    assertThat(legendOf(ledger)).isEqualTo(LEGEND);
    Matcher cells = Pattern.compile("<td class=\"colour (colour-[a-z]+)\">([^<]*)</td>").matcher(ledger);
    List<String> shown = new ArrayList<>();
    while (cells.find()) {
      shown.add(cells.group(1) + " " + cells.group(2));
    }
    assertThat(shown).containsExactly("colour-green 绿", "colour-none ", "colour-red 红", "colour-yellow 黄", "colour-blue 蓝",
        "colour-none ", "colour-green 绿", "colour-blue 蓝");
    assertThat(ledger).contains("<option value=\"RED\">红：逾期超过 7 天</option>");

    String red = supervisor.getForObject("/supervision/ledger?round=" + ROUND + "&colour=RED", String.class);
    assertThat(red).contains("共 1 条", "<option value=\"RED\" selected=\"selected\">", "ledger.xlsx?round=" + ROUND + "&amp;colour=RED");
  }

  @Test
  void theExcelFileFillsTheColourCellsWithTheLegendsRgb() throws Exception {
    ResponseEntity<byte[]> response = supervisor.getForEntity("/supervision/ledger.xlsx?round=" + ROUND, byte[].class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.getBody()))) {
      Sheet sheet = workbook.getSheetAt(0);
      assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("督办颜色：" + LEGEND);
      int colour = LedgerExport.COLUMNS.indexOf("督办颜色");
      assertThat(sheet.getRow(2).getCell(colour).getStringCellValue()).isEqualTo("督办颜色");
      Map<String, String> rgb = Map.of("GREEN", "81C784", "RED", "EF5350", "YELLOW", "FFEE58", "BLUE", "90CAF9");
      Map<String, String> labels = Map.of("GREEN", "绿", "RED", "红", "YELLOW", "黄", "BLUE", "蓝", "NONE", "");
      List<String> expected = new ArrayList<>(COLOURS.values());
      assertThat(sheet.getLastRowNum()).isEqualTo(2 + expected.size());
      for (int i = 0; i < expected.size(); i++) {
        Cell cell = sheet.getRow(3 + i).getCell(colour);
        XSSFCellStyle style = (XSSFCellStyle) cell.getCellStyle();
        String want = expected.get(i);
        assertThat(cell.getStringCellValue()).as("row " + (i + 1)).isEqualTo(labels.get(want));
        if (want.equals("NONE")) {
          assertThat(style.getFillPattern()).as("row " + (i + 1)).isEqualTo(FillPatternType.NO_FILL);
        } else {
          assertThat(style.getFillPattern()).as("row " + (i + 1)).isEqualTo(FillPatternType.SOLID_FOREGROUND);
          assertThat(HexFormat.of().withUpperCase().formatHex(style.getFillForegroundXSSFColor().getRGB()))
              .as("row " + (i + 1)).isEqualTo(rgb.get(want));
        }
      }
    }
  }

  @Test
  void theCsvNamesTheColourAsText() throws Exception {
    List<CSVRecord> records = csv("");

    assertThat(records.get(1).get(0)).isEqualTo("督办颜色：" + LEGEND);
    assertThat(records.get(2).toList()).containsExactlyElementsOf(LedgerExport.COLUMNS);
    int colour = LedgerExport.COLUMNS.indexOf("督办颜色");
    assertThat(records.subList(3, records.size())).extracting(r -> r.get(colour))
        .containsExactly("绿", "", "红", "黄", "蓝", "", "绿", "蓝");
    List<CSVRecord> blue = csv("&colour=BLUE");
    assertThat(blue.subList(3, blue.size())).extracting(r -> r.get(2).split(" ")[0] + " " + r.get(4) + " " + r.get(colour))
        .containsExactly("5 " + CHENGGUAN + " 蓝", "7 " + DONGCHENG + " 蓝");
  }

  private List<CSVRecord> csv(String query) throws java.io.IOException {
    byte[] body = supervisor.getForEntity("/supervision/ledger.csv?round=" + ROUND + query, byte[].class).getBody();
    return CSVFormat.RFC4180.parse(new StringReader(new String(body, 3, body.length - 3, StandardCharsets.UTF_8))).getRecords();
  }

  @Test
  void aProblemHasTheWorstColourOfItsUnits() {
    JsonNode seven = supervisor.getForObject("/api/cases/" + ROUND + "/7", JsonNode.class);
    assertThat(seven.get("summary").get("colour").asText()).isEqualTo("BLUE");
    assertThat(seven.get("units")).extracting(unit -> unit.get("unitId").asText() + " " + unit.get("colour").asText())
        .containsExactlyInAnyOrder("street-chengguan GREEN", "street-dongcheng BLUE");
    assertThat(supervisor.getForObject("/api/cases/" + ROUND + "/1", JsonNode.class).get("summary").get("colour").asText())
        .isEqualTo("GREEN");
    assertThat(supervisor.getForObject("/api/cases/" + ROUND + "/2", JsonNode.class).get("summary").get("colour").asText())
        .as("closed late").isEqualTo("NONE");

    JsonNode own = anonymous.withBasicAuth("sec-chengguan", "demo").getForObject("/api/cases/" + ROUND + "/7", JsonNode.class);
    assertThat(own.get("summary").get("colour").asText()).as("the unit's own item only").isEqualTo("GREEN");

    String page = supervisor.getForObject("/supervision/cases/" + ROUND + "/7", String.class);
    assertThat(legendOf(page)).isEqualTo(LEGEND);
    assertThat(page).contains("<span id=\"case-colour\" class=\"colour-blue\">蓝</span>",
        "<span class=\"chip colour-green\">绿</span>", "<span class=\"chip colour-blue\">蓝</span>");
    assertThat(supervisor.getForObject("/supervision/cases/" + ROUND + "/2", String.class))
        .contains("<span id=\"case-colour\" class=\"colour-none\">无</span>");
  }

  @Test
  void theOverviewCountsTheColoursAsTheLedgerFiltersThem() {
    JsonNode overview = supervisor.getForObject("/api/ledger/overview?round=" + ROUND, JsonNode.class);

    assertThat(overview.get("byColour").toString()).isEqualTo("{\"BLUE\":2,\"YELLOW\":1,\"RED\":1,\"GREEN\":2}");
    for (String colour : List.of("BLUE", "YELLOW", "RED", "GREEN")) {
      assertThat(overview.get("byColour").get(colour).asInt()).as(colour)
          .isEqualTo(page("&colour=" + colour).get("total").asInt());
    }
    assertThat(overview.get("overdueByUnit").toString()).isEqualTo("{\"" + CHENGGUAN + "\":2}");
    assertThat(overview.get("longOverdueByUnit").toString()).isEqualTo("{\"" + CHENGGUAN + "\":1}");

    String page = supervisor.getForObject("/supervision/?round=" + ROUND, String.class);
    assertThat(legendOf(page)).isEqualTo(LEGEND);
    assertThat(page).containsPattern("id=\"colour-red\"[^>]*>\\s*<span>红：逾期超过 7 天</span><b>1</b>")
        .containsPattern("id=\"colour-green\"[^>]*>\\s*<span>绿：按期办结</span><b>2</b>")
        .contains("href=\"/supervision/ledger?colour=BLUE&amp;round=" + ROUND + "\"");
  }

  @Test
  void statisticsCountOnTimeAsGreenAndOverdueAsYellowAndRed() {
    JsonNode figures = supervisor.getForObject("/api/ledger/statistics?round=" + ROUND, JsonNode.class);

    JsonNode chengguan = figures.get(0);
    assertThat(chengguan.get("unitId").asText()).isEqualTo("street-chengguan");
    assertThat(chengguan.get("items").asInt()).isEqualTo(7);
    assertThat(chengguan.get("closed").asInt()).as("1, 2 and 7").isEqualTo(3);
    assertThat(chengguan.get("closedOnTime").asInt()).as("1 and 7; 2 was late").isEqualTo(2);
    assertThat(chengguan.get("onTimeRate").asDouble()).isEqualTo(28.6);
    assertThat(chengguan.get("overdueNow").asInt()).as("3 red, 4 yellow").isEqualTo(2);
    assertThat(chengguan.get("averageDaysToClose").asDouble()).as("0, 12 and 0 days").isEqualTo(4.0);
    assertThat(chengguan.get("extensions").asInt()).isZero();
    assertThat(chengguan.get("reopenings").asInt()).isZero();
    JsonNode dongcheng = figures.get(1);
    assertThat(dongcheng.get("unitId").asText() + " " + dongcheng.get("items").asInt() + " " + dongcheng.get("closed").asInt()
        + " " + dongcheng.get("overdueNow").asInt()).isEqualTo("street-dongcheng 1 0 0");
    assertThat(supervisor.getForObject("/supervision/statistics?round=" + ROUND, String.class))
        .contains("<th>延期次数</th><th>复号次数</th>", "<td>28.6%</td>");
  }

  /**
   * No item of this round asked for more time or was closed: each row shows the original deadline, an empty 延期至 and
   * 回头看, and zero counts. Rows granted an extension, looked back at and reopened: {@link ExtensionAndLookBackColumnsIT}.
   */
  @Test
  void withoutExtensionOrClosureTheExtensionAndLookBackColumnsAreEmpty() {
    JsonNode rows = page("").get("rows");
    for (JsonNode row : rows) {
      assertThat(row.get("deadline").asText()).isEqualTo(DEADLINES.get(row.get("problemNumber").asText()).toString());
      assertThat(row.get("extension").get("text").asText()).isEmpty();
      assertThat(row.get("extension").get("count").asInt()).isZero();
      assertThat(row.get("lookBack").get("text").asText()).isEmpty();
      assertThat(row.get("lookBack").get("reopenings").asInt()).isZero();
    }
    String page = supervisor.getForObject("/supervision/ledger?round=" + ROUND, String.class);
    assertThat(page).contains("<th>原定时限</th>", ">延期至</th>", "<th>延期次数</th>", "<th>回头看</th>", "<th>复号次数</th>");
    assertThat(supervisor.getForObject("/supervision/cases/" + ROUND + "/3", String.class))
        .contains("原定时限：" + DEADLINES.get("3")).doesNotContain("经批准延期至", "复号 ");
  }

  private void open(String number, LocalDate deadline, String... units) {
    DEADLINES.put(number, deadline);
    starter.startIfNew(new CaseOpening(ROUND, "督办颜色专项", new Problem(number, "专项督查问题", "颜色问题 " + number,
        "专项督查原文 " + number, List.of("立行立改"), List.of(units), List.of("org-dept"), deadline), null));
  }

  private static void accept(CaseDriver driver, String number, String unit, String secretary) {
    submitPlan(driver, number, unit, secretary);
    driver.reviewPlan(key(number), unit, "sup-orgdept", true, null);
    driver.submitReport(key(number), unit, secretary);
    driver.acceptRectification(key(number), unit, "sup-orgdept", true, null);
  }

  /** A plan to be done by the problem's deadline. */
  private static void submitPlan(CaseDriver driver, String number, String unit, String secretary) {
    Map<String, Object> plan = CaseDriver.plan(unit);
    plan.put(UnitRectificationProcess.PLAN_TARGET_DATE, DEADLINES.get(number).toString());
    driver.completeAs(secretary, driver.unitTask(key(number), unit), plan);
  }

  private static Date at(Date opened, int days) {
    Date now = new Date(opened.getTime() + Duration.ofDays(days).toMillis());
    ClockUtil.setCurrentTime(now);
    return now;
  }

  private static String key(String number) {
    return ROUND + "/" + number;
  }

  private JsonNode page(String query) {
    return supervisor.getForObject("/api/ledger?round=" + ROUND + query, JsonNode.class);
  }

  private List<String> rowsOf(String query) {
    List<String> rows = new ArrayList<>();
    page(query).get("rows").forEach(row -> rows.add(row(row)));
    return rows;
  }

  private static String row(JsonNode row) {
    return row.get("problemNumber").asText() + " " + row.get("unitName").asText();
  }

  /** The legend as a reader sees it: the text of the element, tags taken out and spaces made one. */
  static String legendOf(String page) {
    int start = page.indexOf("id=\"legend\"");
    assertThat(start).as("a legend on the page").isPositive();
    String element = page.substring(page.indexOf('>', start) + 1, page.indexOf("</p>", start));
    return element.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip();
  }
}
