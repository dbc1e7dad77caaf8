package cn.zhenggai.rectification.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.PostgresApplicationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Paging through the ledger by its 下一页 (keyset: each page begins after the last row of the one before) shows every
 * row once, in the order of one read of them all, for every sort, ascending and descending, with items that have no
 * due date (closed) among them and many rows sharing a due date.
 */
class LedgerPagingIT extends PostgresApplicationTest {

  static final String ROUND = "PAGING";
  static final int PROBLEMS = 50;
  static final int ROWS = PROBLEMS * 5;
  static final Pattern PERSON = Pattern.compile(">(P\\d+U\\d)<");
  static final Pattern NEXT = Pattern.compile("href=\"([^\"]*)\">下一页<");

  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate anonymous;
  TestRestTemplate supervisor;

  @BeforeEach
  void rowsOfARound() {
    supervisor = anonymous.withBasicAuth("sup-orgdept", "demo");
    if (jdbc.queryForObject("select count(*) from case_unit where round_code = ?", Long.class, ROUND) > 0) {
      return;
    }
    jdbc.update("insert into case_problem (problem_id, round_code, round_name, problem_number, category, title, source_text,"
        + " supervisor_groups, deadline, process_instance_id, stage, status, started_at)"
        + " select 'PAGING/' || g, 'PAGING', '翻页批次', '' || g, '类别' || (g % 3), '问题 ' || g, '原文 ' || g, 'org-dept',"
        + " date '2027-06-30' + (g % 4), 'paging-' || g, 'UNITS_RECTIFYING', 'OPEN', now() - g * interval '1 hour'"
        + " from generate_series(1, ?) g", PROBLEMS);
    jdbc.update("insert into case_unit (problem_id, round_code, problem_order, unit_id, process_instance_id, stage, status,"
        + " due_at, returns_total, started_at, closed_at, responsible_person)"
        + " select 'PAGING/' || g, 'PAGING', 'PAGING/' || lpad('' || g, 6, '0'), u.unit_id, 'paging-' || g || '-' || u.unit_id,"
        + " case when (g + u.n) % 3 = 0 then 'ACCEPTED' else (array['DRAFT_PLAN','REVIEW_PLAN','RECTIFY'])[1 + g % 3] end,"
        + " case when (g + u.n) % 3 = 0 then 'CLOSED' else 'OPEN' end,"
        + " case when (g + u.n) % 3 = 0 then null else timestamp '2027-01-01 08:00:00' + ((g * 7 + u.n) % 4) * interval '1 day' end,"
        + " g % 3, now() - g * interval '1 hour', case when (g + u.n) % 3 = 0 then now() else null end, 'P' || g || 'U' || u.n"
        + " from generate_series(1, ?) g cross join (values ('street-chengguan', 0), ('street-dongcheng', 1),"
        + " ('street-xicheng', 2), ('organs', 3), ('education', 4)) as u (unit_id, n)", PROBLEMS);
  }

  @Test
  void theApiWalksEverySortByItsNextAndSeesEveryRowOnce() {
    for (String sort : List.of("problem", "unit", "deadline", "due", "stage", "returns")) {
      for (boolean descending : List.of(false, true)) {
        String query = "/api/ledger?round=" + ROUND + "&sort=" + sort + "&desc=" + descending;
        List<String> walked = new ArrayList<>();
        JsonNode page = supervisor.getForObject(query + "&limit=7", JsonNode.class);
        assertThat(page.get("total").asLong()).as("counted on the first page").isEqualTo(ROWS);
        int pages = 1;
        walked.addAll(keys(page));
        while (!page.get("next").isNull()) {
          page = supervisor.getForObject(query + "&limit=7&after=" + page.get("next").asText(), JsonNode.class);
          assertThat(page.get("total").isNull()).as("not counted again after the first page").isTrue();
          walked.addAll(keys(page));
          pages++;
        }
        // the same order as one read by OFFSET (a single query) after the first row
        List<String> first = keys(supervisor.getForObject(query + "&limit=1", JsonNode.class));
        List<String> rest = keys(supervisor.getForObject(query + "&offset=1&limit=1000", JsonNode.class));
        List<String> all = new ArrayList<>(first);
        all.addAll(rest);
        assertThat(walked).as(query).hasSize(ROWS).doesNotHaveDuplicates().isEqualTo(all);
        assertThat(pages).as(query).isEqualTo((ROWS + 6) / 7);
      }
    }
  }

  @Test
  void thePageWalksByItsNextLinkAndShowsEveryRowOnce() {
    List<String> seen = new ArrayList<>();
    String path = "/supervision/ledger?round=" + ROUND + "&sort=due";
    List<String> pages = new ArrayList<>();
    while (path != null) {
      String page = supervisor.getForObject(path, String.class);
      pages.add(page);
      Matcher person = PERSON.matcher(page);
      while (person.find()) {
        seen.add(person.group(1));
      }
      Matcher next = NEXT.matcher(page);
      path = next.find() ? next.group(1).replace("&amp;", "&") : null;
      assertThat(pages).as("pages walked").hasSizeLessThan(10);
    }
    assertThat(seen).hasSize(ROWS).doesNotHaveDuplicates();
    assertThat(pages).hasSize(3);
    assertThat(pages.get(0)).contains("共 250 条", "第 1–100 条").doesNotContain("上一页");
    assertThat(pages.get(1)).contains("共 250 条", "第 101–200 条", "上一页");
    assertThat(pages.get(2)).contains("共 250 条", "第 201–250 条").doesNotContain("下一页");
  }

  @Test
  void aDeeperPageShowsTheTotalItsLinkCarriesAndRefusesAMalformedOne() {
    String first = supervisor.getForObject("/supervision/ledger?round=" + ROUND, String.class);
    Matcher next = NEXT.matcher(first);
    assertThat(next.find()).isTrue();
    String link = next.group(1).replace("&amp;", "&");
    assertThat(link).contains("&total=250");

    // the count is the first page's, not made again: a total given by hand is what the page shows
    assertThat(supervisor.getForObject(link.replace("&total=250", "&total=240"), String.class)).contains("共 240 条");
    ResponseEntity<String> refused = supervisor.getForEntity(link.replace("&total=250", "&total=250;drop"), String.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody()).contains("总条数 total 不正确");
    assertThat(supervisor.getForObject(link.replace("&total=250", ""), String.class)).as("no total: counted")
        .contains("共 250 条");
  }

  @Test
  void theCaseListComesInPagesLinkedByTheirNextAndEachSeesItsOwn() {
    for (String user : List.of("sup-orgdept", "sec-organs")) {
      TestRestTemplate http = anonymous.withBasicAuth(user, "demo");
      List<String> walked = new ArrayList<>();
      String path = "/api/cases?limit=7";
      while (path != null) {
        ResponseEntity<JsonNode> page = http.getForEntity(path, JsonNode.class);
        page.getBody().forEach(problem -> walked.add(problem.get("problemId").asText()));
        String link = page.getHeaders().getFirst(HttpHeaders.LINK);
        path = link == null ? null : link.substring(1, link.indexOf('>'));
      }
      List<String> all = new ArrayList<>();
      http.getForObject("/api/cases?limit=1000", JsonNode.class).forEach(problem -> all.add(problem.get("problemId").asText()));
      List<String> visible = jdbc.queryForList("select distinct problem_id from case_unit"
          + (user.equals("sec-organs") ? " where unit_id = 'organs'" : "") + " order by problem_id", String.class);
      assertThat(walked).as(user).doesNotHaveDuplicates().isEqualTo(all).isEqualTo(visible);
      assertThat(walked.size()).as(user).isGreaterThan(PROBLEMS);
    }
  }

  private static List<String> keys(JsonNode page) {
    List<String> keys = new ArrayList<>();
    page.get("rows").forEach(row -> keys.add(row.get("problemId").asText() + "/" + row.get("unitId").asText()));
    return keys;
  }
}
