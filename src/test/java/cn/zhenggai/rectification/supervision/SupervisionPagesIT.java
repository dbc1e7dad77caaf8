package cn.zhenggai.rectification.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.Browser;
import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.casework.CaseDriver;
import cn.zhenggai.rectification.casework.CaseRounds;
import cn.zhenggai.rectification.casework.CaseStarter;
import cn.zhenggai.rectification.casework.Statistics;
import cn.zhenggai.rectification.evidence.EvidenceUploads;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
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
import org.springframework.jdbc.core.JdbcTemplate;

/** The supervision pages and statistics on the seeded cases driven to known states; and a supervisor's visit in Chromium. */
class SupervisionPagesIT extends PostgresApplicationTest {

  @Autowired ProcessEngine engine;
  @Autowired EvidenceUploads evidence;
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
    driver.submitPlan("2.1", "street-chengguan", "sec-chengguan");
    driver.reviewPlan("2.1", "street-chengguan", "sup-orgdept", true, null);
    driver.submitReport("2.1", "street-chengguan", "sec-chengguan");
    driver.acceptRectification("2.1", "street-chengguan", "sup-orgdept", true, null);
    driver.submitPlan("2.1", "street-dongcheng", "sec-dongcheng");
    driver.reviewPlan("2.1", "street-dongcheng", "sup-orgdept", false, "请补充措施");
    jdbc.update("update case_unit set due_at = now() - interval '2 days', card = 'YELLOW' where problem_id = '2022-SZPY/3.3' and unit_id = 'organs'");
    jdbc.update("update case_unit set due_at = now() - interval '9 days', card = 'RED' where problem_id = '2022-SZPY/4.2' and unit_id = 'organs'");
    OtherRounds.open(starter, jdbc);
    driven = true;
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
    assertThat(organs.overdueNow()).isEqualTo(2);
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
    assertThat(apiDocs).contains("\"name\":\"round\"", "2023-XCFK", "2022-SZPY/1.1", "进行中的批次");
    assertThat(supervisor.getForEntity("/swagger-ui.html", String.class).getStatusCode().is2xxSuccessful()).isTrue();
  }

  @Test
  @Tag("browser")
  void aSupervisorSeesTheChartFiltersTheLedgerOpensACaseAndDownloadsTheExcel() throws Exception {
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
      screenshot(browser, "case");
    } finally {
      browser.quit();
    }
  }

  private void screenshot(ChromeDriver browser, String name) throws Exception {
    Browser.screenshot(browser, getClass(), name);
  }
}
