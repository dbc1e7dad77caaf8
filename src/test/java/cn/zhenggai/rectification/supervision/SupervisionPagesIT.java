package cn.zhenggai.rectification.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.Browser;
import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.casework.CaseDriver;
import cn.zhenggai.rectification.casework.CaseRounds;
import cn.zhenggai.rectification.casework.CaseStarter;
import cn.zhenggai.rectification.casework.Statistics;
import cn.zhenggai.rectification.evidence.EvidenceFile;
import cn.zhenggai.rectification.evidence.EvidenceFiles;
import cn.zhenggai.rectification.evidence.EvidenceUploads;
import cn.zhenggai.rectification.evidence.SampleFiles;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** The supervision pages and statistics on the seeded cases driven to known states; and a supervisor's visit in Chromium. */
class SupervisionPagesIT extends PostgresApplicationTest {

  static final String PLAN_NAME = "整改方案 A&B.docx";
  static final byte[] PLAN = SampleFiles.docx("城关街道党工委整改方案");
  static final String PHOTO_NAME = "现场照片.png";
  static final byte[] PHOTO = SampleFiles.png();
  static final String MINUTES_NAME = "会议记录.txt";
  static final byte[] MINUTES = SampleFiles.text("东城街道党工委专题会议记录：研究整改方案。", StandardCharsets.UTF_8);
  /** The files of problem 2.1 by name, as they were stored. */
  static final Map<String, EvidenceFile> STORED = new HashMap<>();

  @Autowired ProcessEngine engine;
  @Autowired EvidenceUploads evidence;
  @Autowired EvidenceFiles files;
  @Autowired TestRestTemplate anonymous;
  @Autowired JdbcTemplate jdbc;
  @Autowired Statistics statistics;
  @Autowired CaseRounds rounds;
  @Autowired CaseStarter starter;
  @LocalServerPort int port;
  static boolean driven;

  @BeforeEach
  void knownStates() {
    if (driven) {
      return;
    }
    CaseDriver driver = new CaseDriver(engine, evidence);
    attach(driver, "street-chengguan", "sec-chengguan", PLAN_NAME, PLAN);
    driver.submitPlan("2.1", "street-chengguan", "sec-chengguan");
    driver.reviewPlan("2.1", "street-chengguan", "sup-orgdept", true, null);
    attach(driver, "street-chengguan", "sec-chengguan", PHOTO_NAME, PHOTO);
    driver.submitReport("2.1", "street-chengguan", "sec-chengguan");
    driver.acceptRectification("2.1", "street-chengguan", "sup-orgdept", true, null);
    attach(driver, "street-dongcheng", "sec-dongcheng", MINUTES_NAME, MINUTES);
    driver.submitPlan("2.1", "street-dongcheng", "sec-dongcheng");
    driver.reviewPlan("2.1", "street-dongcheng", "sup-orgdept", false, "请补充措施");
    jdbc.update("update case_unit set due_at = now() - interval '2 days', card = 'YELLOW' where problem_id = '2022-SZPY/3.3' and unit_id = 'organs'");
    jdbc.update("update case_unit set due_at = now() - interval '9 days', card = 'RED' where problem_id = '2022-SZPY/4.2' and unit_id = 'organs'");
    OtherRounds.open(starter, jdbc);
    driven = true;
  }

  /** Attaches a file to the unit's open task of problem 2.1, as its secretary does in Tasklist. */
  private void attach(CaseDriver driver, String unitId, String user, String name, byte[] content) {
    STORED.put(name, AttachedFiles.attach(evidence, driver.unitTask("2.1", unitId), unitId, user, name, content));
  }

  @Test
  void theCasePageListsEachUnitsEvidenceWithLinksThatOpenTheFiles() {
    TestRestTemplate supervisor = anonymous.withBasicAuth("sup-orgdept", "demo");
    String page = supervisor.getForObject("/supervision/cases/2022-SZPY/2.1", String.class);
    EvidenceFile report = driversReport("street-chengguan");

    assertThat(page).contains("<a href=\"/evidence/cases/2022-SZPY/2.1.zip\">下载全部佐证材料（zip）</a>");
    String chengguan = section(page, "evidence-street-chengguan");
    assertThat(chengguan).contains("3 份", "整改方案 A&amp;B.docx", PHOTO_NAME, "整改记录.pdf", "李卫东", "制定整改方案", "落实整改",
        shown(STORED.get(PLAN_NAME).uploadedAt())).doesNotContain("A&B", MINUTES_NAME);
    assertThat(chengguan.indexOf("整改方案 A&amp;B.docx")).as("plan before report, then by upload time")
        .isLessThan(chengguan.indexOf(PHOTO_NAME)).isLessThan(chengguan.indexOf("整改记录.pdf"));
    for (EvidenceFile file : List.of(STORED.get(PLAN_NAME), STORED.get(PHOTO_NAME), report)) {
      assertThat(chengguan).contains("<a href=\"/evidence/files/" + file.id() + "\" target=\"_blank\" rel=\"noopener\">");
    }
    String dongcheng = section(page, "evidence-street-dongcheng");
    assertThat(dongcheng).contains("1 份", MINUTES_NAME, MINUTES.length + " 字节", "张海涛", "制定整改方案")
        .doesNotContain(PHOTO_NAME);
    assertThat(section(page, "evidence-street-xicheng")).contains("0 份", "尚未上传佐证材料。");

    ResponseEntity<byte[]> photo = supervisor.getForEntity("/evidence/files/" + STORED.get(PHOTO_NAME).id(), byte[].class);
    assertThat(photo.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(photo.getBody()).isEqualTo(PHOTO);
    assertThat(supervisor.getForEntity("/evidence/files/" + STORED.get(PLAN_NAME).id(), byte[].class).getBody()).isEqualTo(PLAN);
    Map<String, byte[]> zip = zipEntries(supervisor, "/evidence/cases/2022-SZPY/2.1.zip");
    assertThat(zip).containsOnlyKeys("城关街道党工委/制定整改方案/" + PLAN_NAME, "城关街道党工委/落实整改/" + PHOTO_NAME,
        "城关街道党工委/落实整改/整改记录.pdf", "东城街道党工委/制定整改方案/" + MINUTES_NAME);
    assertThat(zip.get("城关街道党工委/落实整改/" + PHOTO_NAME)).isEqualTo(PHOTO);
    assertThat(zip.get("城关街道党工委/落实整改/整改记录.pdf"))
        .isEqualTo(supervisor.getForEntity("/evidence/files/" + report.id(), byte[].class).getBody());

    String withoutFiles = supervisor.getForObject("/supervision/cases/2022-SZPY/3.3", String.class);
    assertThat(withoutFiles).contains("尚未上传佐证材料。").doesNotContain("下载全部佐证材料", "/evidence/cases/");
  }

  @Test
  void aSecretaryGetsOnlyTheOwnUnitsEvidence() {
    TestRestTemplate secretary = anonymous.withBasicAuth("sec-dongcheng", "demo");

    assertThat(secretary.getForEntity("/supervision/cases/2022-SZPY/2.1", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    Map<String, byte[]> zip = zipEntries(secretary, "/evidence/cases/2022-SZPY/2.1.zip");
    assertThat(zip).containsOnlyKeys("东城街道党工委/制定整改方案/" + MINUTES_NAME);
    assertThat(zip.get("东城街道党工委/制定整改方案/" + MINUTES_NAME)).isEqualTo(MINUTES);
    JsonNode own = secretary.getForObject("/api/cases/2022-SZPY/2.1", JsonNode.class);
    assertThat(own.get("evidence")).extracting(file -> file.get("name").asText()).containsExactly(MINUTES_NAME);
    assertThat(own.get("evidence").get(0).get("uploaderName").asText()).isEqualTo("张海涛");
    assertThat(own.get("evidence").get(0).get("unitName").asText()).isEqualTo("东城街道党工委");
    assertThat(own.get("evidence").get(0).get("stageName").asText()).isEqualTo("制定整改方案");
    assertThat(own.get("evidence").get(0).get("url").asText()).isEqualTo("/evidence/files/" + STORED.get(MINUTES_NAME).id());
    assertThat(secretary.getForEntity("/evidence/files/" + STORED.get(PHOTO_NAME).id(), byte[].class).getStatusCode())
        .as("another unit's file").isEqualTo(HttpStatus.NOT_FOUND);

    JsonNode all = anonymous.withBasicAuth("leader", "demo").getForObject("/api/cases/2022-SZPY/2.1", JsonNode.class);
    assertThat(all.get("evidence")).extracting(file -> file.get("unitId").asText() + " " + file.get("name").asText())
        .containsExactly("street-chengguan " + PLAN_NAME, "street-chengguan " + PHOTO_NAME, "street-chengguan 整改记录.pdf",
            "street-dongcheng " + MINUTES_NAME);
  }

  @Test
  void statisticsPerUnitCountedNumberByNumber() {
    List<Statistics.UnitFigures> figures = statistics.byUnit(null, rounds.scope("2022-SZPY"), new Timestamp(System.currentTimeMillis()));

    Statistics.UnitFigures first = figures.get(0);
    assertThat(first.unitId()).isEqualTo("street-chengguan");
    assertThat(first.rank()).isEqualTo(1);
    assertThat(first.items()).isEqualTo(9);
    assertThat(first.closed()).isEqualTo(1);
    assertThat(first.closedOnTime()).isEqualTo(1);
    assertThat(first.onTimeRate()).isEqualTo(11.1);
    assertThat(first.averageDaysToClose()).isEqualTo(0.0);
    Statistics.UnitFigures dongcheng = figures.stream().filter(f -> f.unitId().equals("street-dongcheng")).findFirst().orElseThrow();
    assertThat(dongcheng.returns()).isEqualTo(1);
    assertThat(dongcheng.closed()).isZero();
    assertThat(dongcheng.averageDaysToClose()).isNull();
    Statistics.UnitFigures organs = figures.stream().filter(f -> f.unitId().equals("organs")).findFirst().orElseThrow();
    assertThat(organs.items()).isEqualTo(5);
    assertThat(organs.overdueNow()).as("one yellow, one red").isEqualTo(2);
    assertThat(figures).as("no extension granted, nothing reopened")
        .allSatisfy(f -> assertThat(f.extensions() + " " + f.reopenings()).isEqualTo("0 0"));
    assertThat(figures).extracting(Statistics.UnitFigures::items).containsExactlyInAnyOrder(9, 9, 9, 5, 3);
    assertThat(figures.stream().mapToInt(Statistics.UnitFigures::items).sum()).as("the ledger's 35 rows").isEqualTo(35);
  }

  @Test
  void statisticsAndOverviewCountTheRoundsAsked() {
    Timestamp now = new Timestamp(System.currentTimeMillis());
    assertThat(statistics.byUnit("items", rounds.scope("2023-XCFK"), now))
        .extracting(f -> f.unitId() + " " + f.items()).containsExactly("street-chengguan 3", "street-dongcheng 1");
    assertThat(statistics.byUnit(null, rounds.scope(null), now)).as("both rounds in progress")
        .filteredOn(f -> f.unitId().equals("street-chengguan")).extracting(Statistics.UnitFigures::items).containsExactly(12);
    assertThat(statistics.byUnit(null, rounds.scope("2021-ZXDC"), now)).singleElement()
        .satisfies(f -> assertThat(f.unitId() + " " + f.closed() + " " + f.averageDaysToClose()).isEqualTo("organs 1 30.0"));
    assertThat(statistics.byUnit(null, rounds.scope(null), now)).as("the closed round is not in progress")
        .filteredOn(f -> f.unitId().equals("organs")).extracting(Statistics.UnitFigures::items).containsExactly(5);

    TestRestTemplate supervisor = anonymous.withBasicAuth("sup-orgdept", "demo");
    JsonNode inspection = supervisor.getForObject("/api/ledger/overview?round=2023-XCFK", JsonNode.class);
    assertThat(inspection.get("byStage").toString()).isEqualTo("{\"制定整改方案\":4}");
    assertThat(inspection.get("yellowCards").asInt()).isZero();
    JsonNode demo = supervisor.getForObject("/api/ledger/overview?round=2022-SZPY", JsonNode.class);
    assertThat(demo.get("byStatus").get("整改中").asInt() + demo.get("byStatus").get("已完成").asInt()).isEqualTo(35);
    JsonNode inProgress = supervisor.getForObject("/api/ledger/overview", JsonNode.class);
    assertThat(inProgress.get("byStatus").get("整改中").asInt()).isEqualTo(demo.get("byStatus").get("整改中").asInt() + 4);
    assertThat(inProgress.get("byStatus").has("已完成")).as("one accepted item of the demo round, none of the closed round")
        .isTrue();
    assertThat(inProgress.get("byStatus").get("已完成").asInt()).isEqualTo(demo.get("byStatus").get("已完成").asInt());
    JsonNode ranking = supervisor.getForObject("/api/ledger/statistics?round=2023-XCFK", JsonNode.class);
    assertThat(ranking).hasSize(2);
  }

  @Test
  void theOverviewCountsEachColourAsTheLedgersColourFilterFindsIt() {
    TestRestTemplate supervisor = anonymous.withBasicAuth("sup-orgdept", "demo");
    for (String round : List.of("", "all", "2022-SZPY", "2023-XCFK", "2021-ZXDC")) {
      JsonNode byColour = supervisor.getForObject("/api/ledger/overview?round=" + round, JsonNode.class).get("byColour");
      for (String colour : List.of("BLUE", "YELLOW", "RED", "GREEN")) {
        int ledger = supervisor.getForObject("/api/ledger?round=" + round + "&colour=" + colour, JsonNode.class).get("total").asInt();
        assertThat(byColour.get(colour).asInt()).as(round + " " + colour).isEqualTo(ledger);
      }
    }
    assertThat(supervisor.getForObject("/api/ledger/overview?round=2022-SZPY", JsonNode.class).get("byColour").toString())
        .as("3.3 and 4.2 of 县直机关工委 overdue by 2 and 9 days; 2.1 of 城关 accepted today")
        .isEqualTo("{\"BLUE\":0,\"YELLOW\":1,\"RED\":1,\"GREEN\":1}");
    assertThat(supervisor.getForObject("/api/ledger?round=2022-SZPY&colour=RED", JsonNode.class).get("rows").get(0)
        .get("problemNumber").asText()).isEqualTo("4.2");
  }

  @Test
  void overviewLedgerAndCasePageShowTheSameLegend() {
    TestRestTemplate supervisor = anonymous.withBasicAuth("sup-orgdept", "demo");
    for (String path : List.of("/supervision/", "/supervision/ledger", "/supervision/cases/2022-SZPY/2.1")) {
      assertThat(ColoursIT.legendOf(supervisor.getForObject(path, String.class))).as(path).isEqualTo(ColoursIT.LEGEND);
    }
  }

  @Test
  void thePagesOfferEveryRoundAndShowTheRoundWhenSeveralAreInView() {
    TestRestTemplate supervisor = anonymous.withBasicAuth("sup-orgdept", "demo");
    String ledger = supervisor.getForObject("/supervision/ledger?unit=street-chengguan", String.class);
    assertThat(ledger).contains("共 12 条", "<th>整改批次</th>", "<td>2023年巡察反馈</td>", "ledger.xlsx?unit=street-chengguan",
        "href=\"/supervision/cases/2023-XCFK/1.10\"", "href=\"/supervision/cases/2022-SZPY/1.1\"", ">1.10 巡察问题 1.10</a>",
        "2021年专项督查（2021-ZXDC，已结束）");
    assertThat(ledger.indexOf("2023年巡察反馈（2023-XCFK）")).as("newest first")
        .isLessThan(ledger.indexOf("2022年度抓基层党建工作述职评议（2022-SZPY）"))
        .isLessThan(ledger.indexOf("2021年专项督查（2021-ZXDC，已结束）"));

    String one = supervisor.getForObject("/supervision/ledger?round=2023-XCFK", String.class);
    assertThat(one).contains("共 4 条", "ledger.xlsx?round=2023-XCFK", "<option value=\"2023-XCFK\" selected=\"selected\"")
        .doesNotContain("<th>整改批次</th>");
    String closed = supervisor.getForObject("/supervision/ledger?round=2021-ZXDC", String.class);
    assertThat(closed).contains("共 1 条", "2021年专项督查");

    assertThat(supervisor.getForObject("/supervision/statistics?round=2023-XCFK", String.class))
        .contains("2023年巡察反馈", "statistics?order=items&amp;round=2023-XCFK", "ledger?unit=street-chengguan&amp;round=2023-XCFK");
    assertThat(supervisor.getForObject("/supervision/?round=2021-ZXDC", String.class))
        .contains("<b id=\"yellow-cards\">0</b>", "2021年专项督查");
  }

  @Test
  void thePagesShowTheFiguresToSupervisorsOnly() {
    TestRestTemplate supervisor = anonymous.withBasicAuth("sup-orgdept", "demo");
    String overview = supervisor.getForObject("/supervision/", String.class);
    assertThat(overview).contains("<b id=\"yellow-cards\">1</b>", "<b id=\"red-cards\">1</b>", "县直机关工委", "data-chart=");
    String ledger = supervisor.getForObject("/supervision/ledger?unit=street-chengguan&round=2022-SZPY", String.class);
    assertThat(ledger).contains("共 9 条", "下载 Excel", "ledger.xlsx?round=2022-SZPY&amp;unit=street-chengguan");
    String detail = supervisor.getForObject("/supervision/cases/2022-SZPY/2.1", String.class);
    assertThat(detail).contains("个别社区党组织组织群众", "已验收", "请补充措施", "在 Tasklist 中打开当前任务");
    String ranking = supervisor.getForObject("/supervision/statistics?round=2022-SZPY", String.class);
    assertThat(ranking).contains("11.1%");
    assertThat(supervisor.getForEntity("/supervision/ledger?sort=drop", String.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(supervisor.getForEntity("/supervision/", String.class).getHeaders().getFirst("Content-Security-Policy"))
        .contains("script-src 'self'");

    assertThat(anonymous.withBasicAuth("sec-chengguan", "demo").getForEntity("/supervision/", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void theSameFiguresAsJsonDocumentedWithOpenApi() {
    TestRestTemplate supervisor = anonymous.withBasicAuth("sup-orgdept", "demo");
    com.fasterxml.jackson.databind.JsonNode overview = supervisor.getForObject("/api/ledger/overview", com.fasterxml.jackson.databind.JsonNode.class);
    assertThat(overview.get("yellowCards").asInt()).isEqualTo(1);
    assertThat(overview.get("redCards").asInt()).isEqualTo(1);
    com.fasterxml.jackson.databind.JsonNode ranking = supervisor.getForObject("/api/ledger/statistics", com.fasterxml.jackson.databind.JsonNode.class);
    assertThat(ranking.get(0).get("unitId").asText()).isEqualTo("street-chengguan");

    String apiDocs = supervisor.getForObject("/v3/api-docs", String.class);
    assertThat(apiDocs).contains("/api/cases", "/api/ledger", "/api/ledger/statistics", "/api/ledger/overview");
    assertThat(apiDocs).contains("\"name\":\"round\"", "2023-XCFK", "2022-SZPY/1.1", "进行中的批次", "evidenceFiles", "evidenceCount");
    assertThat(supervisor.getForEntity("/swagger-ui.html", String.class).getStatusCode().is2xxSuccessful()).isTrue();
  }

  @Test
  @Tag("browser")
  void aSupervisorSeesTheChartFiltersTheLedgerDownloadsTheExcelAndOpensACaseAndItsEvidence() throws Exception {
    ChromeDriver browser = Browser.start();
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
      browser.get("http://localhost:" + port + "/supervision/");
      wait.until(ExpectedConditions.urlContains("/login"));
      Browser.signIn(browser, "sup-orgdept", "demo");
      wait.until(ExpectedConditions.urlContains("/supervision/"));
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#overdue-chart canvas")));
      screenshot(browser, "overview");

      browser.findElement(By.linkText("整改台账")).click();
      new Select(wait.until(ExpectedConditions.presenceOfElementLocated(By.name("unit")))).selectByVisibleText("城关街道党工委");
      browser.findElement(By.cssSelector("#ledger-filter button[type='submit']")).click();
      wait.until(ExpectedConditions.urlContains("unit=street-chengguan"));
      assertThat(browser.findElements(By.cssSelector("#ledger tr"))).as("both rounds in progress").hasSize(13);
      screenshot(browser, "ledger");

      String xlsx = browser.findElement(By.id("download-xlsx")).getDomAttribute("href");
      Object size = browser.executeAsyncScript(
          "const done = arguments[arguments.length - 1];"
              + "fetch(arguments[0]).then(r => r.arrayBuffer()).then(b => done(b.byteLength));", xlsx);
      assertThat(((Number) size).intValue()).isGreaterThan(3000);

      browser.findElement(By.linkText("2.1 社区党组织联系服务群众能力不强")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("case-stage"), "各单位整改中"));
      assertThat(browser.findElement(By.id("unit-street-dongcheng")).getText()).contains("退回整改方案", "请补充措施");
      assertThat(browser.findElement(By.id("evidence-street-chengguan")).getText())
          .contains(PLAN_NAME, PHOTO_NAME, "整改记录.pdf", "李卫东", "落实整改");
      screenshot(browser, "case");

      String zip = browser.findElement(By.linkText("下载全部佐证材料（zip）")).getDomAttribute("href");
      Object start = browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
          + "fetch(arguments[0]).then(r => r.arrayBuffer()).then(b => done(String.fromCharCode(...new Uint8Array(b, 0, 2))));", zip);
      assertThat(start).as("a zip file").isEqualTo("PK");

      String casePage = browser.getWindowHandle();
      browser.findElement(By.linkText(PHOTO_NAME)).click();
      wait.until(ExpectedConditions.numberOfWindowsToBe(2));
      browser.switchTo().window(browser.getWindowHandles().stream().filter(h -> !h.equals(casePage)).findFirst().orElseThrow());
      wait.until(ExpectedConditions.urlContains("/evidence/files/" + STORED.get(PHOTO_NAME).id()));
      Object width = wait.until(b -> browser.executeScript(
          "const image = document.querySelector('img'); return image && image.complete ? image.naturalWidth : null;"));
      assertThat(((Number) width).intValue()).as("the photo shown in its own tab").isEqualTo(40);
      screenshot(browser, "evidence-photo");
      browser.close();
      browser.switchTo().window(casePage);
    } finally {
      browser.quit();
    }
  }

  /** The file the driver attached to the unit's report of 2.1. */
  private EvidenceFile driversReport(String unitId) {
    return files.ofUnitItem("2022-SZPY/2.1/" + unitId).stream().filter(file -> file.fileName().equals("整改记录.pdf"))
        .findFirst().orElseThrow();
  }

  /** From the element with this id to the end of its block. */
  private static String section(String page, String id) {
    int start = page.indexOf("id=\"" + id + "\"");
    assertThat(start).as(id).isPositive();
    return page.substring(start, page.indexOf("</div>", start));
  }

  /** A time as the pages show it. */
  private static String shown(Instant time) {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai")).format(time);
  }

  /** Entry name → content. */
  private static Map<String, byte[]> zipEntries(TestRestTemplate user, String path) {
    ResponseEntity<byte[]> zip = user.getForEntity(path, byte[].class);
    assertThat(zip.getStatusCode()).isEqualTo(HttpStatus.OK);
    Map<String, byte[]> entries = new HashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.getBody()), StandardCharsets.UTF_8)) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        entries.put(entry.getName(), in.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return entries;
  }

  private void screenshot(ChromeDriver browser, String name) throws Exception {
    Browser.screenshot(browser, getClass(), name);
  }
}
