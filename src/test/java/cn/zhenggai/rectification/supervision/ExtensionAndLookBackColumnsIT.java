package cn.zhenggai.rectification.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.casework.CaseDriver;
import cn.zhenggai.rectification.casework.CaseOpening;
import cn.zhenggai.rectification.casework.CaseStarter;
import cn.zhenggai.rectification.evidence.EvidenceUploads;
import cn.zhenggai.rectification.extension.ExtensionRequests;
import cn.zhenggai.rectification.problem.Problem;
import cn.zhenggai.rectification.security.Viewer;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.StageDeadlines;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * The ledger's extension and look-back columns with the real extensions and look-backs: a round of its own, its cases
 * driven through the engine, the requests made and decided as Tasklist does, the engine clock moved (day 0 = opening;
 * deadlines on day 10, problem 2's on day 40). One story, step by step (each test goes on from the one before):
 * <ul>
 *   <li>1 城关: 落实整改 extended on day 1 to day 20, accepted on day 15 (after its original deadline) → green, on time;
 *       closed, looked back at after six months, 整改成果巩固;
 *   <li>2 东城: 制定整改方案 extended on day 1 from day 15 to day 18 → 延期至 "…（方案）";
 *   <li>3 东城: a request for 落实整改 on day 1, left waiting;
 *   <li>4 城关: accepted and closed on day 0 (green), reopened at the look-back (复号), accepted and closed again, no
 *       longer on time.
 * </ul>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExtensionAndLookBackColumnsIT extends PostgresApplicationTest {

  static final String ROUND = "2026-YQHK";
  static final String CHENGGUAN = "street-chengguan";
  static final String DONGCHENG = "street-dongcheng";
  static Date opened;
  static LocalDate deadline;
  /** Where the story stands: the clock the next step starts from. */
  static Date now;
  /** Problem 4's new deadline at its reopening. */
  static LocalDate reopenedDeadline;

  @Autowired ProcessEngine engine;
  @Autowired EvidenceUploads evidence;
  @Autowired CaseStarter starter;
  @Autowired ExtensionRequests extensions;
  @Autowired StageDeadlines deadlines;
  @Autowired TestRestTemplate anonymous;
  TestRestTemplate supervisor;
  CaseDriver driver;

  @BeforeEach
  void signIn() {
    supervisor = anonymous.withBasicAuth("sup-orgdept", "demo");
    driver = new CaseDriver(engine, evidence);
    if (now != null) {
      ClockUtil.setCurrentTime(now);
    }
  }

  @AfterAll
  static void clockBack() {
    ClockUtil.reset();
  }

  @Test
  @Order(1)
  void anApprovedExtensionAndAWaitingRequestShowOnTheLedgerAndTheCasePage() {
    ClockUtil.reset();
    opened = ClockUtil.getCurrentTime();
    ClockUtil.setCurrentTime(opened);
    deadline = deadlines.dayOf(at(10));
    open("1", deadline, CHENGGUAN);
    open("2", deadline.plusDays(30), DONGCHENG);
    open("3", deadline, DONGCHENG);
    open("4", deadline, CHENGGUAN);
    approvedPlan("1", CHENGGUAN, "sec-chengguan");
    approvedPlan("3", DONGCHENG, "sec-dongcheng");
    approvedPlan("4", CHENGGUAN, "sec-chengguan");
    driver.submitReport(key("4"), CHENGGUAN, "sec-chengguan");
    driver.acceptRectification(key("4"), CHENGGUAN, "sup-orgdept", true, null);
    confirmClosure("4");

    ClockUtil.setCurrentTime(at(1));
    ask("1", CHENGGUAN, "sec-chengguan", deadline.plusDays(10), "需要等待设备到货");
    approve("1", CHENGGUAN);
    LocalDate planDue = deadlines.dayOf(driver.unitTask(key("2"), DONGCHENG).getDueDate());
    ask("2", DONGCHENG, "sec-dongcheng", planDue.plusDays(3), "需要征求群众意见");
    approve("2", DONGCHENG);
    ask("3", DONGCHENG, "sec-dongcheng", deadline.plusDays(5), "需要协调资金");
    now = ClockUtil.getCurrentTime();

    JsonNode one = row("1");
    assertThat(one.get("deadline").asText()).as("原定时限").isEqualTo(deadline.toString());
    assertThat(one.get("extension").get("text").asText()).isEqualTo(deadline.plusDays(10) + "（整改）");
    assertThat(one.get("extension").get("until").asText()).isEqualTo(deadline.plusDays(10).toString());
    assertThat(one.get("extension").get("stage").asText()).isEqualTo("RECTIFY");
    assertThat(one.get("extension").get("count").asInt()).isEqualTo(1);
    assertThat(deadlines.dayOf(driver.unitTask(key("1"), CHENGGUAN).getDueDate())).as("the task's due date moved")
        .isEqualTo(deadline.plusDays(10));
    JsonNode two = row("2");
    assertThat(two.get("extension").get("text").asText()).isEqualTo(planDue.plusDays(3) + "（方案）");
    assertThat(two.get("extension").get("stage").asText()).isEqualTo("DRAFT_PLAN");
    assertThat(two.get("deadline").asText()).as("a plan's extension leaves the deadline").isEqualTo(deadline.plusDays(30).toString());
    JsonNode three = row("3");
    assertThat(three.get("extension").get("text").asText()).as("nothing granted yet").isEmpty();
    assertThat(three.get("extension").get("count").asInt()).isZero();
    assertThat(three.get("extension").get("pendingUntil").asText()).isEqualTo(deadline.plusDays(5).toString());

    assertThat(casePage("1")).contains("原定时限：" + deadline, "经批准延期至 " + deadline.plusDays(10) + "（整改），共延期 1 次");
    assertThat(casePage("2")).contains("经批准延期至 " + planDue.plusDays(3) + "（方案），共延期 1 次");
    assertThat(casePage("3")).contains("已申请延期至 " + deadline.plusDays(5) + "，等待审批").doesNotContain("经批准延期至");
    JsonNode threeCase = supervisor.getForObject("/api/cases/" + ROUND + "/3", JsonNode.class);
    assertThat(threeCase.get("units").get(0).get("extension").get("pendingUntil").asText())
        .isEqualTo(deadline.plusDays(5).toString());
    assertThat(ledgerPage()).contains("<td>" + deadline.plusDays(10) + "（整改）</td>", "<td>" + planDue.plusDays(3) + "（方案）</td>");
  }

  @Test
  @Order(2)
  void acceptedAfterTheOriginalDeadlineButBeforeTheExtendedOneIsGreenAndOnTime() {
    ClockUtil.setCurrentTime(at(15));
    driver.submitReport(key("1"), CHENGGUAN, "sec-chengguan");
    driver.acceptRectification(key("1"), CHENGGUAN, "sup-orgdept", true, null);
    confirmClosure("1");
    now = ClockUtil.getCurrentTime();

    JsonNode one = row("1");
    assertThat(one.get("colour").asText()).isEqualTo("GREEN");
    assertThat(one.get("closed").asBoolean()).isTrue();
    assertThat(one.get("lookBack").get("text").asText()).isEqualTo("待回头看 " + lookBackDay("1"));
    assertThat(row("4").get("lookBack").get("text").asText()).isEqualTo("待回头看 " + lookBackDay("4"));
    assertThat(row("3").get("colour").asText()).as("the waiting request moves nothing: overdue").isEqualTo("YELLOW");

    JsonNode chengguan = statistics(CHENGGUAN);
    assertThat(chengguan.get("closed").asInt()).isEqualTo(2);
    assertThat(chengguan.get("closedOnTime").asInt()).as("1 by its extended deadline, 4 by the original one").isEqualTo(2);
    assertThat(chengguan.get("onTimeRate").asDouble()).isEqualTo(100.0);
    assertThat(chengguan.get("extensions").asInt()).isEqualTo(1);
    assertThat(statistics(DONGCHENG).get("extensions").asInt()).as("2's plan; 3's request still waits").isEqualTo(1);
    assertThat(supervisor.getForObject("/api/ledger/overview?round=" + ROUND, JsonNode.class).get("byColour").get("GREEN").asInt())
        .isEqualTo(2);
  }

  @Test
  @Order(3)
  void whileTheSupervisorsLookBackTheItemIsStillAccepted() {
    Job later = lookBackTimer("1");
    ClockUtil.setCurrentTime(new Date(later.getDuedate().getTime() + 1000));
    await().atMost(Duration.ofSeconds(60))
        .until(() -> driver.lookBackTask(key("1"), CHENGGUAN) != null && driver.lookBackTask(key("4"), CHENGGUAN) != null);
    now = ClockUtil.getCurrentTime();

    for (String number : List.of("1", "4")) {
      JsonNode row = row(number);
      assertThat(row.get("stage").asText()).as(number).isEqualTo("LOOK_BACK");
      assertThat(row.get("lookBack").get("text").asText()).as(number).isEqualTo("回头看中");
      assertThat(row.get("lookBack").get("result").asText()).as(number).isEqualTo("PENDING");
      assertThat(row.get("accepted").asBoolean()).as(number).isTrue();
      assertThat(row.get("colour").asText()).as(number).isEqualTo("GREEN");
      assertThat(row.get("daysOverdue").asInt()).as(number).isZero();
      JsonNode summary = supervisor.getForObject("/api/cases/" + ROUND + "/" + number, JsonNode.class).get("summary");
      assertThat(summary.get("unitsAccepted").asInt()).as(number).isEqualTo(1);
    }
    assertThat(rows("&stage=LOOK_BACK")).containsExactly("1", "4");
    assertThat(rows("&overdue=true")).as("2 and 3 are months late; the look-backs are not the units'").containsExactly("2", "3");
    JsonNode chengguan = statistics(CHENGGUAN);
    assertThat(chengguan.get("closed").asInt()).isEqualTo(2);
    assertThat(chengguan.get("closedOnTime").asInt()).isEqualTo(2);
    assertThat(chengguan.get("overdueNow").asInt()).isZero();
    assertThat(casePage("1")).contains("；回头看：回头看中");
    assertThat(ledgerPage()).contains("<option value=\"LOOK_BACK\">回头看</option>");
  }

  @Test
  @Order(4)
  void consolidatedOrReopenedAtTheLookBack() {
    driver.confirmLookBack(key("1"), CHENGGUAN, "sup-orgdept");
    reopenedDeadline = deadlines.dayOf(ClockUtil.getCurrentTime()).plusDays(30);
    driver.reopen(key("4"), CHENGGUAN, "sup-orgdept", "群众反映问题反弹", reopenedDeadline.toString());
    await().atMost(Duration.ofSeconds(60)).until(() -> driver.unitTask(key("4"), CHENGGUAN) != null);

    JsonNode one = row("1");
    assertThat(one.get("lookBack").get("text").asText()).isEqualTo("整改成果巩固");
    assertThat(one.get("colour").asText()).isEqualTo("GREEN");
    JsonNode four = row("4");
    assertThat(four.get("lookBack").get("text").asText()).isEqualTo("已复号");
    assertThat(four.get("lookBack").get("reopenings").asInt()).isEqualTo(1);
    assertThat(four.get("stage").asText()).isEqualTo("RECTIFY");
    assertThat(four.get("status").asText()).isEqualTo("OPEN");
    assertThat(four.get("closed").asBoolean()).as("the problem is open again").isFalse();
    assertThat(four.get("accepted").asBoolean()).isFalse();
    assertThat(four.get("colour").asText()).as("at work again, its new deadline a month away").isEqualTo("NONE");
    assertThat(four.get("deadline").asText()).as("原定时限 stays").isEqualTo(deadline.toString());
    JsonNode fourCase = supervisor.getForObject("/api/cases/" + ROUND + "/4", JsonNode.class);
    assertThat(fourCase.get("summary").get("status").asText()).isEqualTo("OPEN");
    assertThat(fourCase.get("summary").get("reopenings").asInt()).isEqualTo(1);
    assertThat(fourCase.get("summary").get("unitsAccepted").asInt()).isZero();
    assertThat(fourCase.get("units").get(0).get("lookBack").get("text").asText()).isEqualTo("已复号");

    JsonNode chengguan = statistics(CHENGGUAN);
    assertThat(chengguan.get("closed").asInt()).isEqualTo(1);
    assertThat(chengguan.get("closedOnTime").asInt()).isEqualTo(1);
    assertThat(chengguan.get("reopenings").asInt()).isEqualTo(1);
    assertThat(casePage("4")).contains("；回头看：已复号", "；复号 1 次");

    ClockUtil.setCurrentTime(new Date(deadlines.endOf(reopenedDeadline).getTime() - Duration.ofDays(1).toMillis()));
    assertThat(row("4").get("colour").asText()).as("due within three days").isEqualTo("BLUE");
    ClockUtil.setCurrentTime(now);
  }

  @Test
  @Order(5)
  void aReopenedItemClosedAgainIsNeverOnTime() throws Exception {
    driver.submitReport(key("4"), CHENGGUAN, "sec-chengguan");
    driver.acceptRectification(key("4"), CHENGGUAN, "sup-orgdept", true, null);
    confirmClosure("4");

    JsonNode four = row("4");
    assertThat(four.get("accepted").asBoolean()).isTrue();
    assertThat(four.get("closed").asBoolean()).isTrue();
    assertThat(four.get("colour").asText()).as("accepted before its new deadline, but reopened").isEqualTo("NONE");
    assertThat(four.get("lookBack").get("text").asText()).isEqualTo("待回头看 " + lookBackDay("4"));
    assertThat(four.get("lookBack").get("reopenings").asInt()).isEqualTo(1);
    JsonNode chengguan = statistics(CHENGGUAN);
    assertThat(chengguan.get("items").asInt()).isEqualTo(2);
    assertThat(chengguan.get("closed").asInt()).isEqualTo(2);
    assertThat(chengguan.get("closedOnTime").asInt()).as("1 only").isEqualTo(1);
    assertThat(chengguan.get("onTimeRate").asDouble()).isEqualTo(50.0);
    assertThat(chengguan.get("extensions").asInt()).isEqualTo(1);
    assertThat(chengguan.get("reopenings").asInt()).isEqualTo(1);
    assertThat(rows("&colour=GREEN")).containsExactly("1");
    assertThat(supervisor.getForObject("/supervision/statistics?round=" + ROUND, String.class))
        .contains("<td>50.0%</td>");

    Map<String, List<String>> expected = Map.of(
        "1", List.of(deadline.toString(), deadline.plusDays(10) + "（整改）", "1", "是", "绿", "整改成果巩固", "0"),
        "4", List.of(deadline.toString(), "", "0", "是", "", "待回头看 " + lookBackDay("4"), "1"));
    assertThat(excelCells("1")).isEqualTo(expected.get("1"));
    assertThat(excelCells("4")).isEqualTo(expected.get("4"));
    assertThat(csvCells("1")).isEqualTo(expected.get("1"));
    assertThat(csvCells("4")).isEqualTo(expected.get("4"));
    List<String> three = csvCells("3");
    assertThat(three.get(1) + " " + three.get(2)).as("a waiting request is no extension").isEqualTo(" 0");
  }

  /** The columns 原定时限, 延期至, 延期次数, 是否销号, 督办颜色, 回头看, 复号次数 of a problem's row. */
  static final List<String> CHECKED = List.of("原定时限", "延期至", "延期次数", "是否销号", "督办颜色", "回头看", "复号次数");

  private List<String> excelCells(String number) throws Exception {
    byte[] body = supervisor.getForObject("/supervision/ledger.xlsx?round=" + ROUND, byte[].class);
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(body))) {
      Sheet sheet = workbook.getSheetAt(0);
      DataFormatter formatter = new DataFormatter();
      int problem = LedgerExport.COLUMNS.indexOf("问题描述");
      for (int i = 3; i <= sheet.getLastRowNum(); i++) {
        Row row = sheet.getRow(i);
        if (row.getCell(problem).getStringCellValue().startsWith(number + " ")) {
          return CHECKED.stream().map(column -> formatter.formatCellValue(row.getCell(LedgerExport.COLUMNS.indexOf(column))))
              .toList();
        }
      }
    }
    throw new AssertionError("no row " + number + " in the Excel file");
  }

  private List<String> csvCells(String number) throws Exception {
    byte[] body = supervisor.getForObject("/supervision/ledger.csv?round=" + ROUND, byte[].class);
    List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(new String(body, 3, body.length - 3, StandardCharsets.UTF_8)))
        .getRecords();
    int problem = LedgerExport.COLUMNS.indexOf("问题描述");
    return records.subList(3, records.size()).stream().filter(r -> r.get(problem).startsWith(number + " ")).findFirst()
        .map(r -> CHECKED.stream().map(column -> r.get(LedgerExport.COLUMNS.indexOf(column))).toList())
        .orElseThrow(() -> new AssertionError("no row " + number + " in the CSV file"));
  }

  private void open(String number, LocalDate due, String unit) {
    starter.startIfNew(new CaseOpening(ROUND, "延期与回头看专项", new Problem(number, "专项督查问题", "延期回头看问题 " + number,
        "专项督查原文 " + number, List.of("限期整改"), List.of(unit), List.of("org-dept"), due), null));
  }

  private void approvedPlan(String number, String unit, String secretary) {
    Map<String, Object> plan = CaseDriver.plan(unit);
    plan.put(UnitRectificationProcess.PLAN_TARGET_DATE, deadline.toString());
    driver.completeAs(secretary, driver.unitTask(key(number), unit), plan);
    driver.reviewPlan(key(number), unit, "sup-orgdept", true, null);
  }

  /** The unit's secretary asks for more time on the item's open task, as the Tasklist panel does. */
  private void ask(String number, String unit, String secretary, LocalDate until, String reason) {
    extensions.request(driver.unitTask(key(number), unit).getId(), until, reason, new Viewer(secretary, Set.of(unit), false));
  }

  private void approve(String number, String unit) {
    driver.completeAs("sup-orgdept", driver.extensionReview(key(number), unit),
        Map.of(UnitRectificationProcess.EXTENSION_APPROVED, true));
  }

  private void confirmClosure(String number) {
    await().atMost(Duration.ofSeconds(60)).until(() -> driver.closureTask(key(number)) != null);
    driver.confirmClosure(key(number), "sup-orgdept");
  }

  private Job lookBackTimer(String number) {
    String instance = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(RectificationCaseProcess.KEY).processInstanceBusinessKey(key(number)).singleResult().getId();
    return engine.getManagementService().createJobQuery().processInstanceId(instance)
        .activityId(RectificationCaseProcess.LOOK_BACK_DUE).singleResult();
  }

  /** The day the problem's look-back comes up, as its timer has it. */
  private LocalDate lookBackDay(String number) {
    return deadlines.dayOf(lookBackTimer(number).getDuedate());
  }

  private JsonNode statistics(String unit) {
    for (JsonNode figures : supervisor.getForObject("/api/ledger/statistics?round=" + ROUND, JsonNode.class)) {
      if (figures.get("unitId").asText().equals(unit)) {
        return figures;
      }
    }
    throw new AssertionError("no figures for " + unit);
  }

  private JsonNode row(String number) {
    for (JsonNode row : supervisor.getForObject("/api/ledger?round=" + ROUND, JsonNode.class).get("rows")) {
      if (row.get("problemNumber").asText().equals(number)) {
        return row;
      }
    }
    throw new AssertionError("no row " + number);
  }

  private List<String> rows(String query) {
    List<String> numbers = new ArrayList<>();
    supervisor.getForObject("/api/ledger?round=" + ROUND + query, JsonNode.class).get("rows")
        .forEach(row -> numbers.add(row.get("problemNumber").asText()));
    return numbers;
  }

  private String casePage(String number) {
    return supervisor.getForObject("/supervision/cases/" + ROUND + "/" + number, String.class);
  }

  private String ledgerPage() {
    return supervisor.getForObject("/supervision/ledger?round=" + ROUND, String.class);
  }

  private static Date at(int days) {
    return new Date(opened.getTime() + Duration.ofDays(days).toMillis());
  }

  private static String key(String number) {
    return ROUND + "/" + number;
  }
}
