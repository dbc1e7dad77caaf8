package cn.zhenggai.rectification.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.PageSession;
import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.casework.CaseDriver;
import cn.zhenggai.rectification.security.Viewer;
import cn.zhenggai.rectification.vocabulary.RefusedInput;
import cn.zhenggai.rectification.vocabulary.Stage;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Evidence files on PostgreSQL, through the endpoints Tasklist's panel and the case page call: stored, listed,
 * downloaded and zipped as they were sent; seen only by those who see the item; refused, with nothing stored, for
 * every bad input of the issue; and a completion report refused by the engine without one. Each unit item per test is
 * its own, as the tests share one application. The limit per item is lowered to 3 MB here, so that passing it is quick.
 */
@TestPropertySource(properties = "rectification.evidence.max-per-item=3MB")
class EvidenceIT extends PostgresApplicationTest {

  private static final String CHENGGUAN = "street-chengguan";
  private static final String DONGCHENG = "street-dongcheng";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired ProcessEngine engine;
  @Autowired EvidenceUploads uploads;
  @Autowired EvidenceFiles files;
  @Autowired EvidenceStore store;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate anonymous;
  @LocalServerPort int port;
  CaseDriver driver;

  @BeforeEach
  void setUp() {
    driver = new CaseDriver(engine, uploads);
  }

  @Test
  void filesAreStoredListedDownloadedAndZippedAsTheyWereSent() throws Exception {
    EvidenceSession chengguan = EvidenceSession.signIn(port, "sec-chengguan");
    byte[] plan = SampleFiles.docx("一、制定年度理论学习计划");
    byte[] minutes = SampleFiles.pdf("第一次专题学习会议记录");
    byte[] photo = SampleFiles.jpeg();
    HttpResponse<byte[]> planStored = chengguan.upload(task("1.1", CHENGGUAN).getId(), "整改方案（城关）.docx", plan);
    assertThat(planStored.statusCode()).as(chengguan.text(planStored)).isEqualTo(201);
    driver.submitPlan("1.1", CHENGGUAN, "sec-chengguan");
    driver.reviewPlan("1.1", CHENGGUAN, "sup-orgdept", true, null);
    Task report = task("1.1", CHENGGUAN);

    HttpResponse<byte[]> stored = chengguan.upload(report.getId(), "会议记录 第1次.pdf", minutes);
    assertThat(chengguan.upload(report.getId(), "现场照片.jpg", photo).statusCode()).isEqualTo(201);

    assertThat(stored.statusCode()).isEqualTo(201);
    JsonNode file = json(stored);
    assertThat(stored.headers().firstValue("Location")).hasValue("/evidence/files/" + file.get("id").asLong());
    assertThat(file.get("name").asText()).isEqualTo("会议记录 第1次.pdf");
    assertThat(file.get("size").asLong()).isEqualTo(minutes.length);
    assertThat(file.get("contentType").asText()).isEqualTo("application/pdf");
    assertThat(file.get("stage").asText()).isEqualTo("RECTIFY");
    assertThat(file.get("stageName").asText()).isEqualTo("落实整改");
    assertThat(file.get("uploadedBy").asText()).isEqualTo("sec-chengguan");
    assertThat(file.get("uploaderName").asText()).isEqualTo("李卫东");
    assertThat(file.get("removable").asBoolean()).isTrue();
    assertThat(file.get("url").asText()).isEqualTo("/evidence/files/" + file.get("id").asLong());
    EvidenceFile kept = store.find(file.get("id").asLong()).orElseThrow();
    assertThat(kept.sha256()).isEqualTo(sha256(minutes));
    assertThat(kept.unitItem()).isEqualTo(DemoRound.key("1.1") + "/" + CHENGGUAN);
    assertThat(kept.caseKey()).isEqualTo(DemoRound.key("1.1"));
    assertThat(kept.roundCode()).isEqualTo(DemoRound.CODE);
    assertThat(kept.taskId()).isEqualTo(report.getId());

    JsonNode panel = json(chengguan.get("/evidence/tasks/" + report.getId()));
    assertThat(panel.get("stage").asText()).isEqualTo("RECTIFY");
    assertThat(panel.get("unitItem").asText()).isEqualTo(DemoRound.key("1.1") + "/" + CHENGGUAN);
    assertThat(panel.get("caseKey").asText()).isEqualTo(DemoRound.key("1.1"));
    assertThat(panel.get("canUpload").asBoolean()).isTrue();
    assertThat(panel.get("required").asBoolean()).isTrue();
    assertThat(panel.get("maxFileBytes").asLong()).isEqualTo(20L * 1024 * 1024);
    assertThat(panel.get("maxItemBytes").asLong()).isEqualTo(3L * 1024 * 1024);
    assertThat(panel.get("usedItemBytes").asLong()).isEqualTo(plan.length + minutes.length + photo.length);
    assertThat(panel.get("allowed").asText()).isEqualTo("PDF、Word、Excel、WPS、OFD、JPEG、PNG、纯文本");
    assertThat(names(panel)).containsExactly("整改方案（城关）.docx", "会议记录 第1次.pdf", "现场照片.jpg");
    assertThat(field(panel, "stageName")).containsExactly("制定整改方案", "落实整改", "落实整改");
    assertThat(field(panel, "removable")).as("the plan went with its task").containsExactly("false", "true", "true");

    HttpResponse<byte[]> pdf = chengguan.get("/evidence/files/" + kept.id());
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(pdf.body()).isEqualTo(minutes);
    assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
    assertThat(pdf.headers().firstValue("Content-Disposition")).hasValue("inline; filename=\"____ _1_.pdf\"; "
        + "filename*=UTF-8''%E4%BC%9A%E8%AE%AE%E8%AE%B0%E5%BD%95%20%E7%AC%AC1%E6%AC%A1.pdf");
    assertThat(pdf.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(pdf.headers().firstValue("Cache-Control")).hasValue("private");
    assertThat(pdf.headers().allValues("Content-Security-Policy")).containsExactly(EvidenceController.PDF_POLICY);
    long planId = panel.get("files").get(0).get("id").asLong();
    HttpResponse<byte[]> docx = EvidenceSession.signIn(port, "sup-orgdept").get("/evidence/files/" + planId);
    assertThat(docx.body()).isEqualTo(plan);
    assertThat(docx.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment; ")
        .endsWith("filename*=UTF-8''%E6%95%B4%E6%94%B9%E6%96%B9%E6%A1%88%EF%BC%88%E5%9F%8E%E5%85%B3%EF%BC%89.docx");
    assertThat(docx.headers().allValues("Content-Security-Policy")).containsExactly("default-src 'none'; sandbox");

    EvidenceSession dongcheng = EvidenceSession.signIn(port, "sec-dongcheng");
    assertThat(dongcheng.upload(task("1.1", DONGCHENG).getId(), "现场照片.jpg", photo).statusCode())
        .as("the same photo on another unit's item is that unit's own").isEqualTo(201);

    Map<String, byte[]> all = unzip(EvidenceSession.signIn(port, "sup-orgdept").get("/evidence/cases/2022-SZPY/1.1.zip"));
    assertThat(all.keySet()).containsExactly("城关街道党工委/制定整改方案/整改方案（城关）.docx",
        "城关街道党工委/落实整改/会议记录 第1次.pdf", "城关街道党工委/落实整改/现场照片.jpg", "东城街道党工委/制定整改方案/现场照片.jpg");
    assertThat(all.get("城关街道党工委/落实整改/会议记录 第1次.pdf")).isEqualTo(minutes);
    assertThat(all.get("城关街道党工委/落实整改/现场照片.jpg")).isEqualTo(photo);
    assertThat(all.get("城关街道党工委/制定整改方案/整改方案（城关）.docx")).isEqualTo(plan);
    HttpResponse<byte[]> ownZip = chengguan.get("/evidence/cases/2022-SZPY/1.1.zip");
    assertThat(ownZip.headers().firstValue("Content-Type")).hasValue("application/zip");
    assertThat(ownZip.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"____-2022-SZPY-1.1.zip\"; "
        + "filename*=UTF-8''%E4%BD%90%E8%AF%81%E6%9D%90%E6%96%99-2022-SZPY-1.1.zip");
    assertThat(unzip(ownZip).keySet()).as("a unit's zip holds its own files only").allMatch(name -> name.startsWith("城关街道党工委/"))
        .hasSize(3);

    assertThat(files.ofCase(DemoRound.key("1.1"))).extracting(EvidenceFile::fileName)
        .containsExactly("整改方案（城关）.docx", "会议记录 第1次.pdf", "现场照片.jpg", "现场照片.jpg");
    assertThat(files.countOnItem(DemoRound.key("1.1") + "/" + CHENGGUAN, Stage.RECTIFY)).isEqualTo(2);
    assertThat(files.countOnItem(DemoRound.key("1.1") + "/" + CHENGGUAN, Stage.DRAFT_PLAN)).isEqualTo(1);
    assertThat(files.fileNamesByUnitItem(List.of(DemoRound.key("1.1") + "/" + CHENGGUAN, DemoRound.key("1.1") + "/organs")))
        .containsExactly(Map.entry(DemoRound.key("1.1") + "/" + CHENGGUAN, List.of("整改方案（城关）.docx", "会议记录 第1次.pdf", "现场照片.jpg")));
  }

  @Test
  void eachPersonSeesTheFilesOfTheItemsTheySee() {
    Task chengguanTask = task("3.1", CHENGGUAN);
    long id = uploadAs("sec-chengguan", CHENGGUAN, chengguanTask, "会议记录.pdf", SampleFiles.pdf("3.1 城关")).id();
    Map<String, Integer> download = new HashMap<>();
    Map<String, Integer> panel = new HashMap<>();
    for (String user : List.of("sec-chengguan", "sec-dongcheng", "sec-organs", "sup-orgdept", "sup-discipline", "leader", "admin")) {
      EvidenceSession session = EvidenceSession.signIn(port, user);
      download.put(user, session.get("/evidence/files/" + id).statusCode());
      panel.put(user, session.get("/evidence/tasks/" + chengguanTask.getId()).statusCode());
    }

    assertThat(download).containsExactlyInAnyOrderEntriesOf(Map.of("sec-chengguan", 200, "sec-dongcheng", 404, "sec-organs", 404,
        "sup-orgdept", 200, "sup-discipline", 200, "leader", 200, "admin", 200));
    assertThat(panel).isEqualTo(download);
    JsonNode supervisorsPanel = json(EvidenceSession.signIn(port, "sup-orgdept").get("/evidence/tasks/" + chengguanTask.getId()));
    assertThat(supervisorsPanel.get("canUpload").asBoolean()).as("a supervisor reads a unit's files").isFalse();
    assertThat(field(supervisorsPanel, "removable")).containsExactly("false");
    EvidenceSession nobody = EvidenceSession.anonymous(port);
    assertThat(nobody.get("/evidence/tasks/" + chengguanTask.getId()).statusCode()).isEqualTo(401);
    assertThat(nobody.open("/evidence/files/" + id).headers().firstValue("Location").orElseThrow())
        .as("a link opened while signed out leads to the sign-in").endsWith("/login");
    assertThat(EvidenceSession.signIn(port, "sec-organs").get("/evidence/cases/2022-SZPY/3.1.zip").statusCode())
        .as("organs are not on 3.1").isEqualTo(404);
    assertThat(EvidenceSession.signIn(port, "sup-orgdept").get("/evidence/cases/2022-SZPY/9.9.zip").statusCode()).isEqualTo(404);
    assertThat(EvidenceSession.signIn(port, "sup-orgdept").get("/evidence/files/999999").statusCode()).isEqualTo(404);
    assertThat(EvidenceSession.signIn(port, "sup-orgdept").get("/evidence/tasks/no-such-task").statusCode()).isEqualTo(404);
  }

  @Test
  void onlyTheUploadersUnitRemovesAFileAndOnlyWhileItsTaskIsOpen() {
    Task draft = task("3.2", CHENGGUAN);
    EvidenceFile kept = uploadAs("sec-chengguan", CHENGGUAN, draft, "方案附件.pdf", SampleFiles.pdf("3.2 方案"));
    EvidenceFile removed = uploadAs("sec-chengguan", CHENGGUAN, draft, "传错了.pdf", SampleFiles.pdf("3.2 传错"));
    EvidenceSession chengguan = EvidenceSession.signIn(port, "sec-chengguan");

    HttpResponse<byte[]> byDongcheng = EvidenceSession.signIn(port, "sec-dongcheng").delete("/evidence/files/" + removed.id());
    HttpResponse<byte[]> bySupervisor = EvidenceSession.signIn(port, "sup-orgdept").delete("/evidence/files/" + removed.id());
    HttpResponse<byte[]> forged = chengguan.deleteWithoutToken("/evidence/files/" + removed.id());
    assertThat(byDongcheng.statusCode()).isEqualTo(404);
    assertThat(bySupervisor.statusCode()).isEqualTo(403);
    assertThat(detail(bySupervisor)).isEqualTo("只有上传单位办理这项任务的人员可以删除“传错了.pdf”");
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(store.find(removed.id())).isPresent();

    assertThat(chengguan.delete("/evidence/files/" + removed.id()).statusCode()).isEqualTo(204);
    assertThat(store.find(removed.id())).isEmpty();
    assertThat(jdbc.queryForObject("select count(*) from evidence_chunk where file_id = ?", Integer.class, removed.id())).isZero();

    driver.submitPlan("3.2", CHENGGUAN, "sec-chengguan");
    HttpResponse<byte[]> afterSubmit = chengguan.delete("/evidence/files/" + kept.id());
    assertThat(afterSubmit.statusCode()).isEqualTo(409);
    assertThat(detail(afterSubmit)).isEqualTo("“方案附件.pdf”已随制定整改方案提交，不能再删除");
    assertThat(store.find(kept.id())).isPresent();
  }

  /** Refused by the engine (so through REST and the Java API alike) until the item has a file at this stage. */
  @Test
  void aCompletionReportIsRefusedWithoutAFileAndAcceptedWithOne() {
    driver.submitPlan("2.1", CHENGGUAN, "sec-chengguan");
    driver.reviewPlan("2.1", CHENGGUAN, "sup-orgdept", true, null);
    Task report = task("2.1", CHENGGUAN);
    uploadAs("sec-dongcheng", DONGCHENG, task("2.1", DONGCHENG), "东城的方案.pdf", SampleFiles.pdf("2.1 东城"));
    TestRestTemplate rest = anonymous.withBasicAuth("sec-chengguan", "demo");
    Map<String, Object> variables = new HashMap<>();
    CaseDriver.report(CHENGGUAN).forEach((name, value) -> variables.put(name, Map.of("value", value)));
    rest.postForEntity("/engine-rest/task/" + report.getId() + "/claim", jsonBody(Map.of("userId", "sec-chengguan")), String.class);

    ResponseEntity<JsonNode> refused = rest.exchange("/engine-rest/task/" + report.getId() + "/complete", HttpMethod.POST,
        jsonBody(Map.of("variables", variables)), JsonNode.class);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().get("message").asText()).isEqualTo("请先上传至少一份佐证材料（会议记录、照片、制度文件等），再提交完成情况");
    assertThat(task("2.1", CHENGGUAN).getId()).as("still open").isEqualTo(report.getId());
    assertThat(engine.getTaskService().getVariables(report.getId())).doesNotContainKey(UnitRectificationProcess.RECTIFICATION_DONE);
    assertThatThrownBy(() -> driver.completeAs("sec-chengguan", report, CaseDriver.report(CHENGGUAN)))
        .as("through the Java API").rootCause().isInstanceOf(RefusedInput.class);

    uploadAs("sec-chengguan", CHENGGUAN, report, "学习记录.pdf", SampleFiles.pdf("2.1 城关 学习记录"));
    ResponseEntity<JsonNode> accepted = rest.exchange("/engine-rest/task/" + report.getId() + "/complete", HttpMethod.POST,
        jsonBody(Map.of("variables", variables)), JsonNode.class);

    assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(task("2.1", CHENGGUAN).getTaskDefinitionKey()).isEqualTo(UnitRectificationProcess.TASK_ACCEPT_RECTIFICATION);
    JsonNode acceptance = json(EvidenceSession.signIn(port, "sup-orgdept").get("/evidence/tasks/" + task("2.1", CHENGGUAN).getId()));
    assertThat(names(acceptance)).as("the acceptance form lists the report's file").containsExactly("学习记录.pdf");
    assertThat(acceptance.get("canUpload").asBoolean()).isFalse();
  }

  /** Each bad input of the issue: a clear 4xx naming the file, and nothing stored (no row, no piece, no temporary file). */
  @Test
  void badInputIsRefusedNamingTheFileAndNothingIsStored() throws Exception {
    Task draft = task("2.2", CHENGGUAN);
    String id = draft.getId();
    EvidenceSession chengguan = EvidenceSession.signIn(port, "sec-chengguan");
    byte[] once = SampleFiles.pdf("2.2 只存一次");
    assertThat(chengguan.upload(id, "第一份.pdf", once).statusCode()).isEqualTo(201);
    Stored before = stored();
    List<String> problems = new ArrayList<>();

    expect(problems, chengguan.upload(id, "整改报告.pdf", SampleFiles.program()), 400,
        "文件“整改报告.pdf”的内容是可执行程序，不是扩展名 .pdf 所示的文件，不能上传。仅接受 PDF、Word、Excel、WPS、OFD、JPEG、PNG、纯文本");
    expect(problems, chengguan.upload(id, "通知.html", SampleFiles.htmlWithScript()), 400, "文件“通知.html”的类型（.html）不在允许范围内");
    expect(problems, chengguan.upload(id, "通知.txt", SampleFiles.htmlWithScript()), 400, "文件“通知.txt”的内容是网页（HTML）");
    expect(problems, chengguan.upload(id, "图.svg", SampleFiles.svgWithScript()), 400, "文件“图.svg”的类型（.svg）不在允许范围内");
    expect(problems, chengguan.upload(id, "整改方案.docx", SampleFiles.plainZip()), 400, "文件“整改方案.docx”的内容是其他类型的文档或压缩包");
    expect(problems, chengguan.upload(id, "../../etc/passwd.txt", SampleFiles.text("x", StandardCharsets.UTF_8)), 400,
        "文件名“../../etc/passwd.txt”不能含有路径分隔符");
    expect(problems, chengguan.upload(id, "..\\boot.txt", SampleFiles.text("x", StandardCharsets.UTF_8)), 400, "不能含有路径分隔符");
    expect(problems, chengguan.upload(id, "报告..pdf", SampleFiles.pdf("点点")), 400, "文件名“报告..pdf”不能含有“..”");
    expect(problems, chengguan.upload(id, "报告\u0000.pdf", SampleFiles.pdf("零")), 400, "文件名“报告\\u0000.pdf”含有控制字符");
    expect(problems, chengguan.upload(id, "报告\u202Efdp.exe", SampleFiles.pdf("反向")), 400, "含有控制字符");
    expect(problems, chengguan.upload(id, "", SampleFiles.pdf("无名")), 400, "文件名不能为空");
    expect(problems, chengguan.upload(id, "空.pdf", new byte[0]), 400, "文件“空.pdf”是空的（0 字节）");
    expect(problems, chengguan.upload(id, "第二份.pdf", once), 409, "文件“第二份.pdf”与已上传的“第一份.pdf”内容相同，不重复保存");
    expect(problems, chengguan.upload(task("2.2", DONGCHENG).getId(), "越权.pdf", SampleFiles.pdf("东城")), 403,
        "这项任务不由您所在的单位办理");
    expect(problems, chengguan.upload("no-such-task", "无.pdf", SampleFiles.pdf("无")), 404, "找不到该任务");
    expect(problems, chengguan.send("POST", EvidenceSession.filesOf(id, "表单.pdf"), "text/plain",
        SampleFiles.pdf("表单")), 415, "application/octet-stream");
    expect(problems, chengguan.uploadWithoutToken(id, "跨站.pdf", SampleFiles.pdf("跨站")), 403, "安全令牌");
    PageSession.Answer huge = chengguan.announce(id, "全县录像.pdf", 2L * 1024 * 1024 * 1024);
    if (huge.statusCode() != 413 || !huge.body().contains("文件“全县录像.pdf”超过了单个文件 20 MB 的上限")) {
      problems.add("2 GB announced: " + huge.statusCode() + " " + huge.body());
    }
    byte[] megabyte = new byte[1024 * 1024];
    megabyte[0] = '%';
    HttpResponse<byte[]> chunked = chengguan.uploadChunked(id, "超大.pdf", () -> endless(megabyte, 21));
    expect(problems, chunked, 413, "文件“超大.pdf”超过了单个文件 20 MB 的上限");

    assertThat(problems).isEmpty();
    assertThat(stored()).isEqualTo(before);
    assertThat(files.ofUnitItem(DemoRound.key("2.2") + "/" + CHENGGUAN)).extracting(EvidenceFile::fileName).containsExactly("第一份.pdf");
  }

  @Test
  void uploadsStopAtTheLimitOfTheItemAndAtTasksThatTakeNoFiles() {
    Task draft = task("2.3", CHENGGUAN);
    EvidenceSession chengguan = EvidenceSession.signIn(port, "sec-chengguan");
    assertThat(chengguan.upload(draft.getId(), "扫描件一.pdf", largePdf(2, "一")).statusCode()).isEqualTo(201);
    Stored before = stored();

    HttpResponse<byte[]> over = chengguan.upload(draft.getId(), "扫描件二.pdf", largePdf(2, "二"));

    assertThat(over.statusCode()).isEqualTo(413);
    assertThat(detail(over)).isEqualTo("加上文件“扫描件二.pdf”，本单位这一事项的佐证材料将超过合计 3 MB 的上限（已有 2 MB）");
    driver.submitPlan("2.3", CHENGGUAN, "sec-chengguan");
    Task review = task("2.3", CHENGGUAN);
    HttpResponse<byte[]> toReview = EvidenceSession.signIn(port, "sup-orgdept").upload(review.getId(), "审核意见.pdf", SampleFiles.pdf("审核"));
    assertThat(toReview.statusCode()).isEqualTo(409);
    assertThat(detail(toReview)).isEqualTo("只有“制定整改方案”和“落实整改并报送完成情况”两步可以上传佐证材料");
    HttpResponse<byte[]> toCompleted = chengguan.upload(draft.getId(), "补交.pdf", SampleFiles.pdf("补交"));
    assertThat(toCompleted.statusCode()).isEqualTo(409);
    assertThat(detail(toCompleted)).isEqualTo("该任务已办理完成，不能再上传佐证材料");
    assertThat(EvidenceSession.signIn(port, "sec-dongcheng").upload(draft.getId(), "别人的.pdf", SampleFiles.pdf("别人")).statusCode())
        .as("another unit's completed task is not even shown").isEqualTo(404);
    assertThat(stored()).isEqualTo(before);
  }

  @Test
  void aTaskClaimedBySomeoneElseTakesNoFilesFromOthers() {
    Task draft = task("3.3", CHENGGUAN);
    engine.getTaskService().claim(draft.getId(), "sec-chengguan");
    engine.getIdentityService().saveUser(colleague());
    engine.getIdentityService().createMembership("sec-chengguan-2", CHENGGUAN);
    try {
      HttpResponse<byte[]> byColleague = EvidenceSession.signIn(port, "sec-chengguan-2").upload(draft.getId(), "同事的.pdf", SampleFiles.pdf("同事"));
      assertThat(byColleague.statusCode()).isEqualTo(409);
      assertThat(detail(byColleague)).isEqualTo("该任务已由 sec-chengguan 认领，只有认领人可以上传佐证材料");
      assertThat(EvidenceSession.signIn(port, "sec-chengguan").upload(draft.getId(), "本人的.pdf", SampleFiles.pdf("本人")).statusCode())
          .isEqualTo(201);
    } finally {
      engine.getIdentityService().deleteUser("sec-chengguan-2");
    }
  }

  /** The description and the content go in one transaction: content that cannot be read leaves no row behind. */
  @Test
  void aFailedStoreLeavesNothingHalfWritten() {
    Stored before = stored();
    NewEvidence evidence = new NewEvidence(EvidenceItem.of(DemoRound.key("4.1") + "/" + CHENGGUAN), task("4.1", CHENGGUAN).getId(),
        Stage.DRAFT_PLAN, "读不到.pdf", "application/pdf", 10, "0".repeat(64), "sec-chengguan");

    assertThatThrownBy(() -> store.add(evidence, Path.of("/nonexistent/evidence.upload"))).isInstanceOf(RuntimeException.class);

    assertThat(stored()).isEqualTo(before);
  }

  private org.camunda.bpm.engine.identity.User colleague() {
    org.camunda.bpm.engine.identity.User user = engine.getIdentityService().newUser("sec-chengguan-2");
    user.setFirstName("王小红");
    user.setLastName("干事");
    user.setPassword("demo");
    return user;
  }

  /** Rows of both tables and temporary upload files: what a refused upload must not leave. */
  private record Stored(long files, long chunks, long temporary) {}

  private Stored stored() {
    try (Stream<Path> temporary = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return new Stored(jdbc.queryForObject("select count(*) from evidence_file", Long.class),
          jdbc.queryForObject("select count(*) from evidence_chunk", Long.class),
          temporary.filter(file -> file.getFileName().toString().startsWith("evidence-")).count());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void expect(List<String> problems, HttpResponse<byte[]> response, int status, String detail) {
    String body = new String(response.body(), StandardCharsets.UTF_8);
    JsonNode problem = json(response).get("detail");
    if (response.statusCode() != status || problem == null || !problem.asText().contains(detail)) {
      problems.add(response.request().uri() + " → " + response.statusCode() + " " + body + " (expected " + status + " " + detail + ")");
    }
  }

  private EvidenceFile uploadAs(String user, String unit, Task task, String name, byte[] content) {
    try {
      return uploads.upload(task.getId(), new Viewer(user, Set.of(unit), false), name, content.length, new ByteArrayInputStream(content));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Task task(String problem, String unit) {
    return engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(UnitRectificationProcess.businessKey(DemoRound.key(problem), unit)).singleResult();
  }

  /** A PDF of {@code megabytes} MB (its header, then filler). */
  private static byte[] largePdf(int megabytes, String note) {
    byte[] head = SampleFiles.pdf(note);
    byte[] pdf = new byte[megabytes * 1024 * 1024];
    System.arraycopy(head, 0, pdf, 0, head.length);
    return pdf;
  }

  /** {@code times} × the block, produced as it is read (never whole in memory). */
  private static InputStream endless(byte[] block, int times) {
    return new java.io.SequenceInputStream(java.util.Collections.enumeration(
        java.util.stream.IntStream.range(0, times).mapToObj(i -> (InputStream) new ByteArrayInputStream(block)).toList()));
  }

  private static Map<String, byte[]> unzip(HttpResponse<byte[]> zip) throws IOException {
    assertThat(zip.statusCode()).isEqualTo(200);
    Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()), StandardCharsets.UTF_8)) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        entries.put(entry.getName(), in.readAllBytes());
      }
    }
    return entries;
  }

  private static JsonNode json(HttpResponse<byte[]> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(new String(response.body(), StandardCharsets.UTF_8), e);
    }
  }

  private static String detail(HttpResponse<byte[]> response) {
    return json(response).get("detail").asText();
  }

  private static List<String> names(JsonNode panel) {
    return field(panel, "name");
  }

  private static List<String> field(JsonNode panel, String name) {
    return StreamSupport.stream(panel.get("files").spliterator(), false).map(file -> file.get(name).asText()).toList();
  }

  private static HttpEntity<Object> jsonBody(Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }

  private static String sha256(byte[] content) throws Exception {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
  }
}
