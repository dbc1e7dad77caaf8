package cn.zhenggai.rectification.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.casework.CaseDriver;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit trail as supervisors and administrators read it: per case (linked from the case page) and per person,
 * filtered, a page at a time; the Excel file holds what the pages hold, beyond the batches it is read in; county
 * leaders and units are refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditPagesIT extends PostgresApplicationTest {

  static final String MANY = "bulk-importer";
  static final int ROWS = 1_100;
  static final Pattern ROW = Pattern.compile("<tr>\\s*<td>([^<]*)</td>");

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired ProcessEngine engine;

  @BeforeAll
  void entries() {
    Instant start = Instant.parse("2026-03-01T00:00:00Z");
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      // two entries share each second: the order within a second is the order of recording
      rows.add(new Object[] {Timestamp.from(start.plusSeconds(i / 2)), MANY, "导入程序", "203.0.113.9", "LEDGER_EXPORTED",
          "导出整改台账", "第 " + (i + 1) + " 次"});
    }
    jdbc.batchUpdate("insert into audit_event (occurred_at, actor_id, actor_name, address, action, action_name, detail) "
        + "values (?, ?, ?, ?, ?, ?, ?)", rows);
    new CaseDriver(engine).submitPlan("2.1", "street-xicheng", "sec-xicheng");
  }

  @Test
  void aCaseHasItsOwnListLinkedFromTheCasePage() {
    String casePage = as("sup-orgdept").getForObject("/supervision/cases/2022-SZPY/2.1", String.class);
    assertThat(casePage).contains("id=\"case-audit\"", "/supervision/audit?case=2022-SZPY/2.1");
    assertThat(as("leader").getForObject("/supervision/cases/2022-SZPY/2.1", String.class))
        .as("not linked for those who may not read it").doesNotContain("case-audit", "审计记录");

    String list = as("sup-orgdept").getForObject("/supervision/audit?case=" + DemoRound.key("2.1"), String.class);
    assertThat(list).contains("审计记录（问题 2022-SZPY/2.1）", "提交整改方案", "street-xicheng")
        .doesNotContain(MANY);
  }

  @Test
  void aPersonsListIsPagedNewestFirstAndTheExcelFileHoldsTheSame() throws Exception {
    String first = as("admin").getForObject("/supervision/audit?person=" + MANY, String.class);
    assertThat(first).contains("共 1100 条", "第 1 / 11 页", "导入程序", "第 1100 次");
    List<String> times = column(first);
    assertThat(times).hasSize(100);
    String last = as("admin").getForObject("/supervision/audit?person=" + MANY + "&page=11", String.class);
    assertThat(last).contains("第 1 次").doesNotContain("第 101 次");

    ResponseEntity<byte[]> file = as("sup-orgdept").getForEntity("/supervision/audit.xlsx?person=" + MANY, byte[].class);
    assertThat(file.getStatusCode()).isEqualTo(HttpStatus.OK);
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(file.getBody()))) {
      Sheet sheet = workbook.getSheetAt(0);
      DataFormatter cells = new DataFormatter();
      assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("审计记录（操作人 bulk-importer）");
      List<String> header = new ArrayList<>();
      sheet.getRow(1).forEach(cell -> header.add(cell.getStringCellValue()));
      assertThat(header).containsExactly("序号", "时间", "操作人", "账号", "地址", "操作", "问题", "单位", "对象", "详情");
      assertThat(sheet.getLastRowNum()).as("every entry, across the batches of 500").isEqualTo(ROWS + 1);
      for (int n = 1; n <= ROWS; n++) {
        Row row = sheet.getRow(n + 1);
        assertThat(cells.formatCellValue(row.getCell(0))).isEqualTo(String.valueOf(n));
        assertThat(row.getCell(9).getStringCellValue()).as("row " + n).isEqualTo("第 " + (ROWS + 1 - n) + " 次");
        if (n <= 100) {
          assertThat(row.getCell(1).getStringCellValue()).isEqualTo(times.get(n - 1));
          assertThat(row.getCell(2).getStringCellValue()).isEqualTo("导入程序");
          assertThat(row.getCell(4).getStringCellValue()).isEqualTo("203.0.113.9");
          assertThat(row.getCell(5).getStringCellValue()).isEqualTo("导出整改台账");
        }
      }
    }
    assertThat(jdbc.queryForObject("select count(*) from audit_event where action = 'AUDIT_EXPORTED' and actor_id = "
        + "'sup-orgdept' and detail = '审计记录（操作人 bulk-importer）'", Integer.class)).as("the export recorded").isOne();
  }

  @Test
  void filtersByActionAndDays() {
    assertThat(as("sup-orgdept").getForObject("/supervision/audit?person=" + MANY + "&from=2026-03-01&to=2026-03-01",
        String.class)).contains("共 1100 条");
    assertThat(as("sup-orgdept").getForObject("/supervision/audit?person=" + MANY + "&to=2026-02-28", String.class))
        .contains("共 0 条");
    assertThat(as("sup-orgdept").getForObject("/supervision/audit?person=" + MANY + "&action=SIGN_IN", String.class))
        .contains("共 0 条");
    JsonNode api = as("sup-orgdept").getForObject("/api/audit?person=" + MANY + "&action=LEDGER_EXPORTED&limit=1000",
        JsonNode.class);
    assertThat(api.get("total").asLong()).isEqualTo(ROWS);
    assertThat(api.get("rows")).hasSize(1000);
    assertThat(api.get("rows").get(0).get("detail").asText()).isEqualTo("第 1100 次");
  }

  @Test
  void aBadFilterIsA400NamingTheField() {
    ResponseEntity<String> page = as("sup-orgdept").getForEntity("/supervision/audit?from=yesterday", String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(page.getBody()).contains("起始日期 from 应为 yyyy-MM-dd");
    ResponseEntity<String> api = as("sup-orgdept").getForEntity("/api/audit?case=nothing", String.class);
    assertThat(api.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(api.getBody()).contains("问题 case 应为");
    assertThat(as("sup-orgdept").getForEntity("/api/audit?limit=1001", String.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(as("sup-orgdept").getForEntity("/supervision/audit.xlsx?page=0&to=2026-13-01", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void leadersAndUnitsAreRefusedAndTheNavLinksOnlyForThoseAllowed() {
    for (String user : List.of("leader", "sec-xicheng")) {
      for (String path : List.of("/supervision/audit", "/supervision/audit.xlsx", "/api/audit")) {
        assertThat(as(user).getForEntity(path, String.class).getStatusCode()).as(user + " " + path)
            .isEqualTo(HttpStatus.FORBIDDEN);
      }
    }
    assertThat(http.getForEntity("/api/audit", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.getForObject("/supervision/audit", String.class)).as("anonymous: the sign-in").contains("id=\"password\"");
    assertThat(as("leader").getForObject("/supervision/", String.class)).doesNotContain("/supervision/audit");
    assertThat(as("sup-orgdept").getForObject("/supervision/", String.class)).contains("href=\"/supervision/audit\"");
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, "demo");
  }

  /** The first column (时间) of the audit table's rows. */
  private static List<String> column(String page) {
    List<String> values = new ArrayList<>();
    Matcher row = ROW.matcher(page.substring(page.indexOf("id=\"audit\"")));
    while (row.find()) {
      values.add(row.group(1));
    }
    return values;
  }
}
