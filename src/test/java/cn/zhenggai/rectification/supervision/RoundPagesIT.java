package cn.zhenggai.rectification.supervision;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.PageSession;
import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.rounds.DraftProblem;
import cn.zhenggai.rectification.rounds.Round;
import cn.zhenggai.rectification.rounds.RoundStatus;
import cn.zhenggai.rectification.rounds.Rounds;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The round pages as the organization department uses them, over HTTP with the session and CSRF token of a browser. */
class RoundPagesIT extends PostgresApplicationTest {

  @LocalServerPort int port;
  @Autowired Rounds rounds;
  @Autowired JdbcTemplate jdbc;
  PageSession orgDept;

  @BeforeEach
  void signIn() {
    orgDept = PageSession.signIn(port, "sup-orgdept");
  }

  @Test
  void theListShowsTheDemoRoundAndANewRoundWithBadFieldsIsRefusedFieldByField() {
    String list = orgDept.get("/supervision/rounds").body();
    assertThat(list).contains("整改批次", "2022年度抓基层党建工作述职评议", "述职评议", "整改中", "新建批次");
    int before = rounds.all().size();

    HttpResponse<String> refused = orgDept.post("/supervision/rounds", List.of(entry("name", ""), entry("kind", "没有这种"),
        entry("heldOn", "2024-05-10"), entry("defaultDeadline", "2024-01-01"), entry("code", "坏/代码")));

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("批次未创建", "请填写批次名称", "请选择批次类型：述职评议、巡察反馈、审计整改、专项督查",
        "默认整改时限不能早于会议日期", "批次代码只能由字母、数字和连字符组成", "value=\"2024-05-10\"");
    assertThat(rounds.all()).hasSize(before);
  }

  @Test
  void aRoundIsCreatedEditedSavedAndItsHeaderCorrected() {
    String code = create("2024-EDIT", "2024年度巡察反馈意见整改", "巡察反馈");
    String page = orgDept.get("/supervision/rounds/" + code).body();
    assertThat(page).contains("2024年度巡察反馈意见整改", "草稿", "问题清单是空的", "添加问题", "导入讲话或报告");

    orgDept.post("/supervision/rounds/" + code + "/problems", List.of(entry("action", "add")));
    List<Map.Entry<String, String>> first = new ArrayList<>(problem(0, "1.1", "", "", List.of()));
    first.add(entry("action", "add"));
    String added = orgDept.post("/supervision/rounds/" + code + "/problems", first).body();
    assertThat(added).contains("问题 <b>1.1</b>", "问题 <b>1.2</b>", "缺少字段 title（问题标题）", "缺少字段 units（责任单位）",
        "还有 ");

    List<Map.Entry<String, String>> fields = new ArrayList<>(problem(0, "1.1", "党支部学习制度落实不到位",
        "个别党支部“三会一课”制度落实不到位。", List.of("street-chengguan", "organs")));
    fields.addAll(problem(1, "1.2", "", "", List.of()));
    fields.add(entry("problems[1].units", "no-such-unit"));
    fields.add(entry("action", "save"));
    String saved = orgDept.post("/supervision/rounds/" + code + "/problems", fields).body();

    assertThat(saved).contains("已保存。还有", "未知的责任单位 &quot;no-such-unit&quot;", "缺少字段 title（问题标题）");
    List<DraftProblem> stored = rounds.problems(code);
    assertThat(stored).extracting(DraftProblem::number).containsExactly("1.1", "1.2");
    assertThat(stored.get(0).title()).isEqualTo("党支部学习制度落实不到位");
    assertThat(stored.get(0).units()).containsExactly("street-chengguan", "organs");
    assertThat(stored.get(0).measures()).containsExactly("建立学习台账", "每季度检查一次");
    assertThat(stored.get(0).deadline()).isEqualTo(LocalDate.of(2025, 6, 30));
    String reread = orgDept.get("/supervision/rounds/" + code).body();
    assertThat(reread).contains("value=\"党支部学习制度落实不到位\"", "建立学习台账\n每季度检查一次", "未知的责任单位 &quot;no-such-unit&quot;");

    orgDept.post("/supervision/rounds/" + code + "/problems", withAction(fields, "delete:1"));
    assertThat(rounds.problems(code)).extracting(DraftProblem::title).containsExactly("党支部学习制度落实不到位");
    assertThat(rounds.check(code)).isEmpty();

    HttpResponse<String> badHeader = orgDept.post("/supervision/rounds/" + code + "/header", List.of(entry("name", " "),
        entry("kind", "巡察反馈"), entry("heldOn", "2024-05-10"), entry("defaultDeadline", "2025-06-30")));
    assertThat(badHeader.statusCode()).isEqualTo(400);
    assertThat(badHeader.body()).contains("请填写批次名称");
    assertThat(rounds.find(code).orElseThrow().name()).isEqualTo("2024年度巡察反馈意见整改");
    orgDept.post("/supervision/rounds/" + code + "/header", List.of(entry("name", "2024年度县委巡察反馈意见整改"),
        entry("kind", "巡察反馈"), entry("heldOn", "2024-05-10"), entry("defaultDeadline", "2025-06-30")));
    assertThat(rounds.find(code).orElseThrow().name()).isEqualTo("2024年度县委巡察反馈意见整改");
    assertThat(orgDept.get("/supervision/rounds/" + code).body())
        .contains("修改批次信息：名称改为“2024年度县委巡察反馈意见整改”", "编辑问题清单", "赵明远");
  }

  @Test
  void aRoundsLookBackPeriodIsStoredAndABadOneRefusedNamingTheField() {
    int before = rounds.all().size();
    HttpResponse<String> refused = orgDept.post("/supervision/rounds", List.of(entry("name", "2024年度审计整改"),
        entry("kind", "审计整改"), entry("heldOn", "2024-05-10"), entry("defaultDeadline", "2025-06-30"),
        entry("code", "2024-LOOK"), entry("lookBackAfter", "半年")));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("批次未创建", "回头看时间“半年”应为 1 到 24 之间的月数", "value=\"半年\"");
    assertThat(rounds.all()).hasSize(before);

    HttpResponse<String> created = orgDept.post("/supervision/rounds", List.of(entry("name", "2024年度审计整改"),
        entry("kind", "审计整改"), entry("heldOn", "2024-05-10"), entry("defaultDeadline", "2025-06-30"),
        entry("code", "2024-LOOK"), entry("lookBackAfter", "pt2m")));
    assertThat(created.uri().getPath()).isEqualTo("/supervision/rounds/2024-LOOK");
    assertThat(rounds.find("2024-LOOK").orElseThrow().lookBackAfter()).isEqualTo("PT2M");
    assertThat(orgDept.get("/supervision/rounds/2024-LOOK").body()).contains("value=\"PT2M\"");

    HttpResponse<String> badHeader = orgDept.post("/supervision/rounds/2024-LOOK/header", List.of(entry("name", "2024年度审计整改"),
        entry("kind", "审计整改"), entry("heldOn", "2024-05-10"), entry("defaultDeadline", "2025-06-30"),
        entry("lookBackAfter", "36")));
    assertThat(badHeader.statusCode()).isEqualTo(400);
    assertThat(badHeader.body()).contains("回头看时间“36”应为 1 到 24 之间的月数");
    assertThat(rounds.find("2024-LOOK").orElseThrow().lookBackAfter()).isEqualTo("PT2M");

    orgDept.post("/supervision/rounds/2024-LOOK/header", List.of(entry("name", "2024年度审计整改"), entry("kind", "审计整改"),
        entry("heldOn", "2024-05-10"), entry("defaultDeadline", "2025-06-30"), entry("lookBackAfter", "6")));
    assertThat(rounds.find("2024-LOOK").orElseThrow().lookBackAfter()).isEqualTo("P6M");
    assertThat(orgDept.get("/supervision/rounds/2024-LOOK").body()).contains("修改批次信息：回头看时间改为 P6M");
  }

  @Test
  void aSplitAndAMergeOnThePageRenumberTheList() {
    String code = create("2024-SPLIT", "2024年度专项督查", "专项督查");
    List<Map.Entry<String, String>> fields = new ArrayList<>(problem(0, "1.1", "学习不够",
        "学习不够深入，制度执行不严；考核流于形式。", List.of("street-chengguan")));
    fields.add(entry("action", "save"));
    orgDept.post("/supervision/rounds/" + code + "/problems", fields);
    String source = "学习不够深入，制度执行不严；考核流于形式。";
    int at = source.indexOf('；') + 1;

    List<Map.Entry<String, String>> split = withAction(fields, "split:0");
    split.add(entry("problems[0].splitAt", String.valueOf(at)));
    String page = orgDept.post("/supervision/rounds/" + code + "/problems", split).body();

    assertThat(rounds.problems(code)).extracting(DraftProblem::number, DraftProblem::source)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("1.1", "学习不够深入，制度执行不严；"),
            org.assertj.core.groups.Tuple.tuple("1.2", "考核流于形式。"));
    assertThat(page).contains("拆分为两个问题", "“…学习不够深入，”之后", "问题 <b>1.2</b>");

    List<Map.Entry<String, String>> both = new ArrayList<>(problem(0, "1.1", "学习不够", "学习不够深入，制度执行不严；",
        List.of("street-chengguan")));
    both.addAll(problem(1, "1.2", "考核流于形式", "考核流于形式。", List.of("organs")));
    both.add(entry("action", "merge:0"));
    orgDept.post("/supervision/rounds/" + code + "/problems", both);
    DraftProblem merged = rounds.problems(code).get(0);
    assertThat(rounds.problems(code)).hasSize(1);
    assertThat(merged.number()).isEqualTo("1.1");
    assertThat(merged.source()).isEqualTo(source);
    assertThat(merged.title()).isEqualTo("学习不够；考核流于形式");
    assertThat(merged.units()).containsExactly("street-chengguan", "organs");
  }

  @Test
  void publishingOpensEveryCaseAndAListWithFaultsIsRefused() {
    String faulty = create("2024-FAULT", "2024年度审计整改", "审计整改");
    List<Map.Entry<String, String>> fields = new ArrayList<>(problem(0, "1.1", "预算执行", "预算执行不严格。", List.of()));
    fields.add(entry("action", "save"));
    orgDept.post("/supervision/rounds/" + faulty + "/problems", fields);
    assertThat(orgDept.get("/supervision/rounds/" + faulty + "/publish").body()).contains("现在发布会被拒绝", "缺少字段 units");
    String refused = orgDept.post("/supervision/rounds/" + faulty + "/publish", List.of()).body();
    assertThat(refused).contains("问题清单还有 1 处需要修改，未发布");
    assertThat(rounds.find(faulty).orElseThrow().status()).isEqualTo(RoundStatus.DRAFT);

    String code = publishedRound("2024-PUB");

    assertThat(jdbc.queryForList("select problem_id from case_problem where round_code = ? order by problem_id", String.class, code))
        .containsExactly(code + "/1.1", code + "/1.2");
    String page = orgDept.get("/supervision/rounds/" + code).body();
    assertThat(page).contains("整改中", "发布批次：立案 2 个问题，3 个单位整改").doesNotContain("保存全部修改");
    assertThat(orgDept.post("/supervision/rounds/" + code + "/publish", List.of()).body()).contains("不能再次发布");
    HttpResponse<String> late = orgDept.post("/supervision/rounds/" + code + "/problems", List.of(entry("action", "add")));
    assertThat(late.statusCode()).as("not for who asks but for where the round stands").isEqualTo(409);
    assertThat(late.body()).contains("问题清单不能再编辑");
  }

  @Test
  void closingCarriesTheUnfinishedProblemsIntoALaterRound() {
    String code = publishedRound("2024-CLOSE");
    String later = create("2025-LATER", "2025年度述职评议", "述职评议", "2025-01-20", "2025-12-31");
    String page = orgDept.get("/supervision/rounds/" + code).body();
    assertThat(page).contains("结束批次", "还有 2 个问题未完成整改", "2025年度述职评议（2025-LATER，草稿）");

    String nowhere = orgDept.post("/supervision/rounds/" + code + "/close", List.of(entry("into", ""))).body();
    assertThat(nowhere).contains("请选择转入的后续批次");
    String closed = orgDept.post("/supervision/rounds/" + code + "/close", List.of(entry("into", later))).body();

    assertThat(closed).contains("已结束：2 个未完成问题转入“2025年度述职评议”", "已结束");
    assertThat(rounds.find(code).orElseThrow().status()).isEqualTo(RoundStatus.CLOSED);
    assertThat(rounds.problems(later)).extracting(DraftProblem::carriedFrom).containsExactly(code + "/1.1", code + "/1.2");
    assertThat(orgDept.get("/supervision/rounds/" + later).body()).contains("由 " + code + "/1.1 转入");
  }

  @Test
  void whatPeopleTypeIsShownAsText() {
    String code = create("2024-XSS", "<script>alert('name')</script>", "专项督查");
    List<Map.Entry<String, String>> fields = new ArrayList<>(problem(0, "1.1", "<script>alert('x')</script>",
        "<img src=x onerror=alert(1)>", List.of("organs")));
    fields.add(entry("action", "save"));

    String page = orgDept.post("/supervision/rounds/" + code + "/problems", fields).body();

    assertThat(page).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;")
        .doesNotContain("<script>alert", "<img src=x");
    assertThat(orgDept.get("/supervision/rounds").body()).contains("&lt;script&gt;alert(&#39;name&#39;)").doesNotContain("<script>alert");
  }

  @Test
  void anUploadedSpeechProposesTheListWithEachSentenceMarkedInTheText() throws Exception {
    String code = create("2024-SPEECH", "2024年度抓基层党建工作述职评议", "述职评议");
    byte[] speech = Files.readAllBytes(Path.of("seeds/speech-2022-grassroots-party-building.txt"));

    String page = orgDept.upload("/supervision/rounds/" + code + "/import", Map.of("text", ""), "file", "总结讲话.txt", speech)
        .body();

    assertThat(page).contains("已导入总结讲话.txt：拟出 9 个问题", "导入时发现以下情况", "<mark title=\"问题 1.1\" data-problem=\"1.1\">",
        "<mark title=\"问题 4.2\" data-problem=\"4.2\">", "总结讲话.txt");
    Round round = rounds.find(code).orElseThrow();
    assertThat(round.sourceName()).isEqualTo("总结讲话.txt");
    List<DraftProblem> problems = rounds.problems(code);
    assertThat(problems).extracting(DraftProblem::number)
        .containsExactly("1.1", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "4.1", "4.2");
    assertThat(problems).allSatisfy(problem -> {
      assertThat(round.sourceText().substring(problem.sourceStart(), problem.sourceEnd())).isEqualTo(problem.source());
      assertThat(problem.deadline()).isEqualTo(LocalDate.of(2025, 6, 30));
      assertThat(problem.supervisors()).isNotEmpty();
    });

    String pasted = orgDept.upload("/supervision/rounds/" + code + "/import",
        Map.of("text", new String(speech, StandardCharsets.UTF_8)), "file", "", new byte[0]).body();
    assertThat(pasted).contains("已导入粘贴的文字：拟出 9 个问题");
    assertThat(orgDept.get("/supervision/rounds/" + code).body()).contains("导入粘贴的文字：拟出 9 个问题");
  }

  @Test
  void anUnknownRoundIsA404() {
    HttpResponse<String> missing = orgDept.get("/supervision/rounds/NO-SUCH");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("没有代码为 NO-SUCH 的整改批次");
  }

  /** A draft round with two valid problems (3 unit cases), published through the page. */
  private String publishedRound(String code) {
    create(code, code + " 批次", "专项督查");
    List<Map.Entry<String, String>> fields = new ArrayList<>(problem(0, "1.1", "制度执行不严", "制度执行不严。",
        List.of("street-chengguan", "street-xicheng")));
    fields.addAll(problem(1, "1.2", "考核流于形式", "考核流于形式。", List.of("education")));
    fields.add(entry("action", "save"));
    orgDept.post("/supervision/rounds/" + code + "/problems", fields);
    String confirm = orgDept.get("/supervision/rounds/" + code + "/publish").body();
    assertThat(confirm).contains("发布后立案 <b>2</b> 个问题", "共 <b>3</b> 项单位整改").doesNotContain("会被拒绝");
    String published = orgDept.post("/supervision/rounds/" + code + "/publish", List.of()).body();
    assertThat(published).contains("已发布：立案 2 个问题");
    return code;
  }

  private String create(String code, String name, String kind) {
    return create(code, name, kind, "2024-05-10", "2025-06-30");
  }

  private String create(String code, String name, String kind, String heldOn, String deadline) {
    HttpResponse<String> created = orgDept.post("/supervision/rounds", List.of(entry("name", name), entry("kind", kind),
        entry("heldOn", heldOn), entry("defaultDeadline", deadline), entry("code", code)));
    assertThat(created.uri().getPath()).isEqualTo("/supervision/rounds/" + code);
    return code;
  }

  static List<Map.Entry<String, String>> problem(int index, String number, String title, String source, List<String> units) {
    String p = "problems[" + index + "].";
    List<Map.Entry<String, String>> fields = new ArrayList<>(List.of(entry(p + "number", number), entry(p + "title", title),
        entry(p + "category", "制度执行"), entry(p + "source", source), entry(p + "measures", "建立学习台账\r\n\r\n每季度检查一次"),
        entry(p + "supervisors", "org-dept"), entry(p + "deadline", "2025-06-30")));
    units.forEach(unit -> fields.add(entry(p + "units", unit)));
    return fields;
  }

  private static List<Map.Entry<String, String>> withAction(List<Map.Entry<String, String>> fields, String action) {
    List<Map.Entry<String, String>> changed = new ArrayList<>(fields.stream().filter(f -> !f.getKey().equals("action")).toList());
    changed.add(entry("action", action));
    return changed;
  }
}
