package cn.zhenggai.rectification.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.PageSession;
import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.evidence.EvidenceFile;
import cn.zhenggai.rectification.evidence.EvidenceFiles;
import cn.zhenggai.rectification.evidence.EvidenceSession;
import cn.zhenggai.rectification.evidence.EvidenceUploads;
import cn.zhenggai.rectification.evidence.SampleFiles;
import cn.zhenggai.rectification.notification.StoredChoices;
import cn.zhenggai.rectification.rounds.Actor;
import cn.zhenggai.rectification.rounds.RoundForm;
import cn.zhenggai.rectification.rounds.RoundStatus;
import cn.zhenggai.rectification.rounds.Rounds;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
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

/**
 * Every role against every surface of the running application on PostgreSQL. A cell is either "sees everything",
 * "sees only its own unit", "allowed", "denied" (403), "not there for it" (404) or "not signed in" (401).
 */
class AuthorizationMatrixIT extends PostgresApplicationTest {

  enum Role {
    CHENGGUAN("sec-chengguan", "street-chengguan"),
    ORGANS("sec-organs", "organs"),
    SUPERVISOR("sup-orgdept", null),
    CO_SUPERVISOR("sup-discipline", null),
    LEADER("leader", null),
    ADMIN("admin", null),
    ANONYMOUS(null, null);

    final String user;
    final String unit;

    Role(String user, String unit) {
      this.user = user;
      this.unit = unit;
    }

    boolean isUnit() {
      return unit != null;
    }
  }

  @Autowired TestRestTemplate http;
  @Autowired ProcessEngine engine;
  @Autowired Rounds rounds;
  @Autowired EvidenceUploads evidence;
  @Autowired EvidenceFiles evidenceFiles;
  @LocalServerPort int port;

  @Test
  void taskQuery() {
    long all = engine.getTaskService().createTaskQuery().count();
    for (Role role : Role.values()) {
      ResponseEntity<JsonNode> response = as(role).getForEntity("/engine-rest/task?maxResults=1000", JsonNode.class);
      if (role == Role.ANONYMOUS) {
        assertThat(response.getStatusCode()).as("anonymous").isEqualTo(HttpStatus.UNAUTHORIZED);
      } else if (role.isUnit()) {
        assertOwnUnitOnly(role, businessKeysOfTasks(response));
      } else {
        assertThat(response.getBody().size()).as(role.name()).isEqualTo(all);
      }
    }
  }

  @Test
  void processInstanceAndHistoryQueries() {
    long running = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKeyIn(RectificationCaseProcess.KEY, UnitRectificationProcess.KEY).count();
    long history = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKeyIn(RectificationCaseProcess.KEY, UnitRectificationProcess.KEY).count();
    long historicTasks = engine.getHistoryService().createHistoricTaskInstanceQuery().count();
    for (Role role : Role.values()) {
      ResponseEntity<JsonNode> instances = as(role).getForEntity("/engine-rest/process-instance", JsonNode.class);
      ResponseEntity<JsonNode> historic = as(role).getForEntity("/engine-rest/history/process-instance", JsonNode.class);
      ResponseEntity<JsonNode> tasks = as(role).getForEntity("/engine-rest/history/task", JsonNode.class);
      if (role == Role.ANONYMOUS) {
        assertThat(List.of(instances.getStatusCode(), historic.getStatusCode(), tasks.getStatusCode()))
            .containsOnly(HttpStatus.UNAUTHORIZED);
      } else if (role.isUnit()) {
        assertOwnUnitOnly(role, field(instances.getBody(), "businessKey"));
        assertOwnUnitOnly(role, field(historic.getBody(), "businessKey"));
        assertThat(tasks.getBody().size()).as(role + " historic tasks").isPositive().isLessThan((int) historicTasks);
        assertThat(field(tasks.getBody(), "processInstanceId"))
            .as(role + " historic tasks belong to its own processes")
            .isSubsetOf(field(historic.getBody(), "id"));
      } else {
        // the cases' instances only: the reminder sweep (DeadlineWatch) starts one every minute, maybe meanwhile
        String cases = "?processDefinitionKeyIn=" + RectificationCaseProcess.KEY + "," + UnitRectificationProcess.KEY;
        assertThat(as(role).getForEntity("/engine-rest/process-instance" + cases, JsonNode.class).getBody().size())
            .as(role.name()).isEqualTo(running);
        assertThat(as(role).getForEntity("/engine-rest/history/process-instance" + cases, JsonNode.class).getBody().size())
            .as(role.name()).isEqualTo(history);
        assertThat(tasks.getBody().size()).as(role.name()).isEqualTo(historicTasks);
      }
    }
  }

  @Test
  void completingADraftPlanIsForItsUnitAndTheAdministrator() {
    Task draft = draftPlan("3.3");
    for (Role role : List.of(Role.ANONYMOUS, Role.ORGANS, Role.SUPERVISOR, Role.CO_SUPERVISOR, Role.LEADER)) {
      assertThat(complete(role, draft).getStatusCode()).as(role.name())
          .isEqualTo(role == Role.ANONYMOUS ? HttpStatus.UNAUTHORIZED : HttpStatus.FORBIDDEN);
      assertThat(draftPlan("3.3").getId()).as("task unchanged after " + role).isEqualTo(draft.getId());
    }
    assertThat(complete(Role.CHENGGUAN, draft).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(complete(Role.ADMIN, draftPlan("3.2")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(draftPlan("3.3").getName()).startsWith("审核整改方案 · 3.3");
  }

  @Test
  void aChengguanSecretaryCannotCompleteADongchengTaskAndTheTaskIsUnchanged() {
    Task dongcheng = engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(UnitRectificationProcess.businessKey(DemoRound.key("1.1"), "street-dongcheng")).singleResult();

    ResponseEntity<JsonNode> response = complete(Role.CHENGGUAN, dongcheng);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(response.getBody().get("type").asText()).isEqualTo("AuthorizationException");
    Task after = engine.getTaskService().createTaskQuery().taskId(dongcheng.getId()).singleResult();
    assertThat(after).isNotNull();
    assertThat(after.getAssignee()).isNull();
    assertThat(engine.getTaskService().getVariables(dongcheng.getId())).doesNotContainKey(UnitRectificationProcess.PLAN_MEASURES);
  }

  @Test
  void theCaseRegisterApi() {
    for (Role role : Role.values()) {
      ResponseEntity<JsonNode> list = as(role).getForEntity("/api/cases", JsonNode.class);
      ResponseEntity<JsonNode> one = as(role).getForEntity("/api/cases/2022-SZPY/1.1", JsonNode.class);
      ResponseEntity<JsonNode> streetsOnly = as(role).getForEntity("/api/cases/2022-SZPY/2.1", JsonNode.class);
      if (role == Role.ANONYMOUS) {
        assertThat(List.of(list.getStatusCode(), one.getStatusCode())).containsOnly(HttpStatus.UNAUTHORIZED);
        continue;
      }
      assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
      if (role.isUnit()) {
        assertThat(field(one.getBody().get("units"), "unitId")).as(role.name()).containsExactly(role.unit);
        assertThat(streetsOnly.getStatusCode()).as(role + " on a problem of other units")
            .isEqualTo(role == Role.ORGANS ? HttpStatus.NOT_FOUND : HttpStatus.OK);
        assertThat(list.getBody().size()).as(role.name()).isEqualTo(role == Role.ORGANS ? 5 : 9);
      } else {
        assertThat(one.getBody().get("units").size()).as(role.name()).isEqualTo(5);
        assertThat(list.getBody().size()).as(role.name()).isEqualTo(9);
      }
    }
  }

  @Test
  void cockpitAndAdmin() {
    for (Role role : Role.values()) {
      HttpStatus cockpit = status(role, "/camunda/app/cockpit/default/");
      HttpStatus cockpitApi = status(role, "/camunda/api/cockpit/plugin/base/default/process-definition/statistics");
      HttpStatus admin = status(role, "/camunda/app/admin/default/");
      HttpStatus tasklist = status(role, "/camunda/app/tasklist/default/");
      if (role == Role.ANONYMOUS) {
        assertThat(cockpitApi).isEqualTo(HttpStatus.UNAUTHORIZED);
        for (String page : List.of("/camunda/app/cockpit/default/", "/camunda/app/admin/default/", "/camunda/app/tasklist/default/")) {
          assertThat(http.getForObject(page, String.class)).as("anonymous on " + page + " gets the sign-in page")
              .contains("id=\"password\"");
        }
        continue;
      }
      boolean readsAll = !role.isUnit();
      assertThat(tasklist).as(role + " Tasklist").isEqualTo(HttpStatus.OK);
      assertThat(List.of(cockpit, cockpitApi)).as(role + " Cockpit")
          .containsOnly(readsAll ? HttpStatus.OK : HttpStatus.FORBIDDEN);
      assertThat(admin).as(role + " Admin").isEqualTo(role == Role.ADMIN ? HttpStatus.OK : HttpStatus.FORBIDDEN);
    }
  }

  @Test
  void supervisionPagesExportsAndTheLedgerApi() {
    List<String> surfaces = List.of("/supervision/", "/supervision/ledger", "/supervision/cases/2022-SZPY/1.1",
        "/supervision/statistics", "/supervision/ledger.xlsx", "/supervision/ledger.csv", "/api/ledger",
        "/api/ledger/statistics");
    for (Role role : Role.values()) {
      for (String surface : surfaces) {
        if (role == Role.ANONYMOUS) {
          assertSignInAsked(surface);
          continue;
        }
        assertThat(status(role, surface)).as(role + " on " + surface)
            .isEqualTo(role.isUnit() ? HttpStatus.FORBIDDEN : HttpStatus.OK);
      }
    }
  }

  /** Nobody signed in: an API answers 401, a page or file leads to the sign-in page. */
  private void assertSignInAsked(String surface) {
    if (surface.startsWith("/api/")) {
      assertThat(status(Role.ANONYMOUS, surface)).as("anonymous on " + surface).isEqualTo(HttpStatus.UNAUTHORIZED);
    } else {
      assertThat(http.getForObject(surface, String.class)).as("anonymous on " + surface + " gets the sign-in page")
          .contains("id=\"password\"");
    }
  }

  /** The audit trail (page, Excel file, API): supervisors and administrators; county leaders and units are refused. */
  @Test
  void theAuditTrail() {
    for (Role role : Role.values()) {
      for (String surface : List.of("/supervision/audit?case=2022-SZPY/1.1", "/supervision/audit.xlsx", "/api/audit")) {
        if (role == Role.ANONYMOUS) {
          assertSignInAsked(surface);
          continue;
        }
        boolean reads = role == Role.SUPERVISOR || role == Role.CO_SUPERVISOR || role == Role.ADMIN;
        assertThat(status(role, surface)).as(role + " on " + surface).isEqualTo(reads ? HttpStatus.OK : HttpStatus.FORBIDDEN);
      }
    }
  }

  /**
   * The round pages: unit secretaries see none of them; the other supervisors, leaders and administrators read them
   * but every change is refused (403) and changes nothing; only the organization department (sup-orgdept) changes.
   */
  @Test
  void roundPages() {
    String draft = rounds.create(new RoundForm("2030-AUTH", "授权测试批次", "专项督查", LocalDate.of(2030, 1, 10),
        LocalDate.of(2030, 12, 31)), new Actor("sup-orgdept", "赵明远"));
    List<String> pages = List.of("/supervision/rounds", "/supervision/rounds/" + draft, "/supervision/rounds/" + DemoRound.CODE);
    List<String> managerPages = List.of("/supervision/rounds/" + draft + "/publish");
    Map<String, List<Map.Entry<String, String>>> posts = Map.of(
        "/supervision/rounds", List.of(Map.entry("name", "越权批次"), Map.entry("kind", "专项督查"),
            Map.entry("heldOn", "2030-02-01"), Map.entry("defaultDeadline", "2030-12-31")),
        "/supervision/rounds/" + draft + "/header", List.of(Map.entry("name", "改过的名字"), Map.entry("kind", "专项督查"),
            Map.entry("heldOn", "2030-01-10"), Map.entry("defaultDeadline", "2030-12-31")),
        "/supervision/rounds/" + draft + "/problems", List.of(Map.entry("action", "add")),
        "/supervision/rounds/" + draft + "/publish", List.of(),
        "/supervision/rounds/" + DemoRound.CODE + "/close", List.of(Map.entry("into", draft)),
        "/supervision/rounds/" + draft + "/import", List.of(Map.entry("text", "二、存在的差距和不足\n一是学习不够深入。")));
    int roundsBefore = rounds.all().size();
    for (Role role : Role.values()) {
      if (role == Role.ANONYMOUS) {
        for (String page : pages) {
          assertThat(http.getForObject(page, String.class)).as("anonymous on " + page).contains("id=\"password\"");
        }
        continue;
      }
      PageSession session = PageSession.signIn(port, role.user);
      for (String page : pages) {
        assertThat(session.get(page).statusCode()).as(role + " on " + page).isEqualTo(role.isUnit() ? 403 : 200);
      }
      boolean manager = role == Role.SUPERVISOR;
      for (String page : managerPages) {
        assertThat(session.get(page).statusCode()).as(role + " on " + page).isEqualTo(manager ? 200 : 403);
      }
      if (manager) {
        assertThat(session.get("/supervision/rounds/" + draft).body()).contains("保存全部修改", "导入讲话或报告");
        continue;
      }
      if (!role.isUnit()) {
        assertThat(session.get("/supervision/rounds/" + draft).body()).as(role + " reads without forms")
            .contains("授权测试批次").doesNotContain("保存全部修改", "导入讲话或报告", "发布批次…");
        assertThat(session.get("/supervision/rounds").body()).doesNotContain("创建批次");
      }
      posts.forEach((path, fields) -> {
        java.net.http.HttpResponse<String> answer = path.endsWith("/import")
            ? session.upload(path, Map.of("text", fields.get(0).getValue()), "file", "", new byte[0])
            : session.post(path, fields);
        assertThat(answer.statusCode()).as(role + " posting to " + path).isEqualTo(403);
        if (!role.isUnit()) {
          assertThat(answer.body()).as(role + " is told who may").contains("只有组织部督导人员可以");
        }
      });
      assertThat(rounds.all()).as("no round created by " + role).hasSize(roundsBefore);
      assertThat(rounds.find(draft).orElseThrow().name()).isEqualTo("授权测试批次");
      assertThat(rounds.find(draft).orElseThrow().status()).isEqualTo(RoundStatus.DRAFT);
      assertThat(rounds.find(DemoRound.CODE).orElseThrow().status()).isEqualTo(RoundStatus.PUBLISHED);
      assertThat(rounds.problems(draft)).as("draft list unchanged by " + role).isEmpty();
      assertThat(rounds.changes(draft)).as("nothing logged for " + role).hasSize(1);
    }
  }

  /** A person's own name and email come from the directory; only administrators change them. */
  @Test
  void ownProfile() {
    for (Role role : Role.values()) {
      String user = role.user == null ? "sec-chengguan" : role.user;
      org.camunda.bpm.engine.identity.User before = engine.getIdentityService().createUserQuery().userId(user).singleResult();
      ResponseEntity<String> response = as(role).exchange("/engine-rest/user/" + user + "/profile", HttpMethod.PUT,
          json(Map.of("id", user, "firstName", "改过的名字", "lastName", String.valueOf(before.getLastName()),
              "email", String.valueOf(before.getEmail()))), String.class);
      HttpStatus expected = role == Role.ANONYMOUS ? HttpStatus.UNAUTHORIZED
          : role == Role.ADMIN ? HttpStatus.NO_CONTENT : HttpStatus.FORBIDDEN;
      assertThat(response.getStatusCode()).as(role.name()).isEqualTo(expected);
      org.camunda.bpm.engine.identity.User after = engine.getIdentityService().createUserQuery().userId(user).singleResult();
      assertThat(after.getFirstName()).as(role.name()).isEqualTo(role == Role.ADMIN ? "改过的名字" : before.getFirstName());
      after.setFirstName(before.getFirstName());
      engine.getIdentityService().saveUser(after);
    }
  }

  @Test
  void identityVerify() {
    for (Role role : Role.values()) {
      for (String path : List.of("/engine-rest/identity/verify", "/engine-rest/identity/verify/")) {
        ResponseEntity<String> response = as(role).postForEntity(path,
            json(Map.of("username", "sec-organs", "password", "demo")), String.class);
        HttpStatus expected = role == Role.ANONYMOUS ? HttpStatus.UNAUTHORIZED : HttpStatus.FORBIDDEN;
        assertThat(response.getStatusCode()).as(role + " on " + path + " (passwords are checked by the sign-in only)")
            .isEqualTo(expected);
      }
    }
  }

  /** Claimed by the organization department: nobody else completes it, whatever their rights on the task. */
  @Test
  void completingATaskClaimedBySomeoneElse() {
    Task draft = draftPlan("2.3");
    assertThat(complete(Role.CHENGGUAN, draft).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    Task review = draftPlan("2.3");
    as(Role.SUPERVISOR).postForEntity("/engine-rest/task/" + review.getId() + "/claim", json(Map.of("userId", "sup-orgdept")), String.class);
    for (Role role : Role.values()) {
      if (role == Role.SUPERVISOR) {
        continue;
      }
      ResponseEntity<String> response = as(role).exchange("/engine-rest/task/" + review.getId() + "/complete", HttpMethod.POST,
          json(Map.of("variables", Map.of("planApproved", Map.of("value", true)))), String.class);
      HttpStatus expected = switch (role) {
        case ANONYMOUS -> HttpStatus.UNAUTHORIZED;
        case ADMIN -> HttpStatus.CONFLICT;
        default -> HttpStatus.FORBIDDEN;
      };
      assertThat(response.getStatusCode()).as(role.name()).isEqualTo(expected);
      assertThat(draftPlan("2.3").getId()).as("still open after " + role).isEqualTo(review.getId());
    }
    assertThat(as(Role.SUPERVISOR).exchange("/engine-rest/task/" + review.getId() + "/complete", HttpMethod.POST,
        json(Map.of("variables", Map.of("planApproved", Map.of("value", true)))), String.class).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  void reassigningATask() {
    for (Role role : Role.values()) {
      HttpStatus status = HttpStatus.valueOf(as(role).postForEntity("/api/tasks/no-such-task/assignee",
          json(Map.of("userId", "sup-discipline", "reason", "出差")), String.class).getStatusCode().value());
      HttpStatus expected = switch (role) {
        case ANONYMOUS -> HttpStatus.UNAUTHORIZED;
        case SUPERVISOR, CO_SUPERVISOR -> HttpStatus.NOT_FOUND;
        default -> HttpStatus.FORBIDDEN;
      };
      assertThat(status).as(role.name()).isEqualTo(expected);
    }
  }

  /**
   * Amending a published problem: the organization department only. Everyone else is refused before anything is
   * looked at, and the problem is as it was; each amendment is on a problem no other test here changes.
   */
  @Test
  void amendingAPublishedProblem() {
    record Amendment(String problemId, HttpMethod method, String path, Map<String, String> body) {}
    List<Amendment> amendments = List.of(
        new Amendment("2.2", HttpMethod.POST, "/units", Map.of("unitId", "education", "reason", "教育系统同样存在")),
        new Amendment("3.1", HttpMethod.DELETE, "/units/street-xicheng", Map.of("reason", "误列")),
        new Amendment("2.1", HttpMethod.PUT, "/deadline", Map.of("deadline", "2027-05-31", "reason", "延后一个月")),
        new Amendment("4.2", HttpMethod.POST, "/withdrawal", Map.of("reason", "并入专项整治")));
    for (Amendment amendment : amendments) {
      String path = "/api/cases/2022-SZPY/" + amendment.problemId() + amendment.path();
      for (Role role : Role.values()) {
        if (role == Role.SUPERVISOR) {
          continue;
        }
        JsonNode before = caseAsAdministrator(amendment.problemId());
        ResponseEntity<JsonNode> response = as(role).exchange(path, amendment.method(), json(amendment.body()), JsonNode.class);
        assertThat(response.getStatusCode()).as(role + " " + amendment.method() + " " + path)
            .isEqualTo(role == Role.ANONYMOUS ? HttpStatus.UNAUTHORIZED : HttpStatus.FORBIDDEN);
        if (role != Role.ANONYMOUS) {
          assertThat(response.getBody().get("detail").asText()).as(role.name()).contains("组织部");
        }
        assertThat(caseAsAdministrator(amendment.problemId())).as("unchanged after " + role + " on " + path).isEqualTo(before);
      }
      ResponseEntity<JsonNode> allowed = as(Role.SUPERVISOR).exchange(path, amendment.method(), json(amendment.body()), JsonNode.class);
      assertThat(allowed.getStatusCode()).as("organization department on " + path).isEqualTo(HttpStatus.OK);
      assertThat(allowed.getBody().get("timeline")).as(path)
          .anySatisfy(event -> assertThat(event.get("actorId").asText()).isEqualTo("sup-orgdept"));
    }
    assertThat(caseAsAdministrator("4.2").get("summary").get("status").asText()).isEqualTo("CANCELLED");
    assertThat(caseAsAdministrator("2.1").get("summary").get("deadline").asText()).isEqualTo("2027-05-31");
  }

  /** The forms are shown to the organization department only, and a form posted by anyone else is refused. */
  @Test
  void theAmendmentFormsOfTheCasePage() throws Exception {
    for (Role role : List.of(Role.SUPERVISOR, Role.CO_SUPERVISOR, Role.LEADER, Role.ADMIN)) {
      String page = as(role).getForObject("/supervision/cases/2022-SZPY/2.3", String.class);
      assertThat(page.contains("id=\"amendments\"")).as(role.name()).isEqualTo(role == Role.SUPERVISOR);
    }
    JsonNode before = caseAsAdministrator("2.3");
    for (Role role : List.of(Role.CHENGGUAN, Role.CO_SUPERVISOR, Role.LEADER, Role.ADMIN)) {
      PageSession session = PageSession.signIn(port, role.user);
      int status = session.post("/supervision/cases/2022-SZPY/2.3/amendments/withdrawal",
          List.of(Map.entry("reason", "x"), Map.entry("confirm", "yes"))).statusCode();
      assertThat(status).as(role.name()).isEqualTo(403);
    }
    assertThat(caseAsAdministrator("2.3")).isEqualTo(before);
    PageSession department = PageSession.signIn(port, "sup-orgdept");
    HttpResponse<String> done = department.post("/supervision/cases/2022-SZPY/2.3/amendments/units/street-xicheng/withdrawal",
        List.of(Map.entry("reason", "误列")));
    assertThat(done.uri().getPath()).as("back on the case page").isEqualTo("/supervision/cases/2022-SZPY/2.3");
    assertThat(done.body()).contains("已撤销该责任单位");
  }

  /**
   * Evidence files (佐证材料) of chengguan on problem 4.1: read by chengguan and by everyone who reads every case, not by
   * another unit (404: not even there for it); added and removed only by chengguan, while its task is open.
   */
  @Test
  void evidenceFiles() throws Exception {
    Task draft = engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(UnitRectificationProcess.businessKey(DemoRound.key("4.1"), "street-chengguan")).singleResult();
    byte[] pdf = SampleFiles.pdf("4.1 城关 会议记录");
    EvidenceFile file = evidence.upload(draft.getId(), new Viewer("sec-chengguan", Set.of("street-chengguan"), false),
        "会议记录.pdf", pdf.length, new ByteArrayInputStream(pdf));
    for (Role role : Role.values()) {
      EvidenceSession session = role == Role.ANONYMOUS ? EvidenceSession.anonymous(port) : EvidenceSession.signIn(port, role.user);
      int reads = role == Role.ORGANS ? 404 : 200;
      if (role == Role.ANONYMOUS) {
        assertThat(session.get("/evidence/tasks/" + draft.getId()).statusCode()).as("anonymous panel").isEqualTo(401);
        assertThat(session.open("/evidence/files/" + file.id()).headers().firstValue("Location").orElseThrow())
            .as("anonymous on a file is sent to the sign-in").endsWith("/login");
        assertThat(session.open("/evidence/cases/2022-SZPY/4.1.zip").headers().firstValue("Location").orElseThrow()).endsWith("/login");
      } else {
        assertThat(session.get("/evidence/tasks/" + draft.getId()).statusCode()).as(role + " panel").isEqualTo(reads);
        HttpResponse<byte[]> download = session.get("/evidence/files/" + file.id());
        assertThat(download.statusCode()).as(role + " download").isEqualTo(reads);
        if (reads == 200) {
          assertThat(download.body()).as(role + " download").isEqualTo(pdf);
        }
        HttpResponse<byte[]> zip = session.get("/evidence/cases/2022-SZPY/4.1.zip");
        assertThat(zip.statusCode()).as(role + " zip (organs are on 4.1, with files of their own only)").isEqualTo(200);
        assertThat(zipEntries(zip.body())).as(role + " zip").hasSize(role == Role.ORGANS ? 0 : 1);
      }
      if (role == Role.CHENGGUAN) {
        continue;
      }
      // anonymous: a new client, without the session the sign-in redirect above began
      EvidenceSession changing = role == Role.ANONYMOUS ? EvidenceSession.anonymous(port) : session;
      int upload = changing.upload(draft.getId(), role + ".pdf", SampleFiles.pdf(role.name())).statusCode();
      int removal = changing.delete("/evidence/files/" + file.id()).statusCode();
      assertThat(upload).as(role + " upload").isEqualTo(role == Role.ANONYMOUS ? 401 : 403);
      assertThat(removal).as(role + " removal").isEqualTo(switch (role) {
        case ANONYMOUS -> 401;
        case ORGANS -> 404;
        default -> 403;
      });
    }
    EvidenceSession chengguan = EvidenceSession.signIn(port, "sec-chengguan");
    assertThat(chengguan.upload(draft.getId(), "现场照片.png", SampleFiles.png()).statusCode()).isEqualTo(201);
    assertThat(evidenceFiles.ofUnitItem(DemoRound.key("4.1") + "/street-chengguan")).extracting(EvidenceFile::fileName)
        .containsExactly("会议记录.pdf", "现场照片.png");
    assertThat(chengguan.delete("/evidence/files/" + file.id()).statusCode()).isEqualTo(204);
  }

  /**
   * Requests for more time (延期申请) on chengguan's plan of problem 3.1: the panel is read by chengguan and by everyone
   * who reads every case, not by another unit (404); a request is made by chengguan only, never by a supervisor (403);
   * the review it opens is completed by the problem's supervisors only.
   */
  @Test
  void extensionRequests() throws Exception {
    Task draft = engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(UnitRectificationProcess.businessKey(DemoRound.key("3.1"), "street-chengguan"))
        .singleResult();
    String until = draft.getDueDate().toInstant().atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate().plusDays(5).toString();
    byte[] request = ("{\"until\":\"" + until + "\",\"reason\":\"需要更多时间\"}").getBytes(StandardCharsets.UTF_8);
    for (Role role : Role.values()) {
      if (role == Role.CHENGGUAN) {
        continue;
      }
      EvidenceSession session = role == Role.ANONYMOUS ? EvidenceSession.anonymous(port) : EvidenceSession.signIn(port, role.user);
      int reads = switch (role) {
        case ANONYMOUS -> 401;
        case ORGANS -> 404;
        default -> 200;
      };
      assertThat(session.get("/extensions/tasks/" + draft.getId()).statusCode()).as(role + " panel").isEqualTo(reads);
      // anonymous: a new client, without the session the refused panel began
      EvidenceSession asking = role == Role.ANONYMOUS ? EvidenceSession.anonymous(port) : session;
      assertThat(asking.send("POST", "/extensions/tasks/" + draft.getId(), "application/json", request).statusCode())
          .as(role + " request").isEqualTo(reads == 200 ? 403 : reads);
    }
    EvidenceSession chengguan = EvidenceSession.signIn(port, "sec-chengguan");
    assertThat(chengguan.get("/extensions/tasks/" + draft.getId()).statusCode()).isEqualTo(200);
    assertThat(chengguan.send("POST", "/extensions/tasks/" + draft.getId(), "application/json", request).statusCode())
        .isEqualTo(201);
    Task review = engine.getTaskService().createTaskQuery().processInstanceId(draft.getProcessInstanceId())
        .taskDefinitionKey(UnitRectificationProcess.TASK_REVIEW_EXTENSION).singleResult();
    for (Role role : List.of(Role.CHENGGUAN, Role.ORGANS, Role.CO_SUPERVISOR, Role.LEADER)) {
      assertThat(complete(role, review).getStatusCode()).as(role + " deciding").isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
      assertThat(engine.getTaskService().createTaskQuery().taskId(review.getId()).count()).as("open after " + role).isOne();
    }
    assertThat(engine.getTaskService().createTaskQuery().taskId(draft.getId()).singleResult().getDueDate())
        .isEqualTo(draft.getDueDate());
  }

  /**
   * The administrators' page of notices (通知发送情况, {@code /operations/notices}): opened, and a failed notice sent
   * again, by administrators only; everyone else is refused and the notice stays failed.
   */
  @Test
  void thePageOfNotices(@Autowired org.springframework.jdbc.core.JdbcTemplate jdbc) {
    long id = jdbc.queryForObject("select min(id) from notification where channel = 'EMAIL'", Long.class);
    jdbc.update("update notification set status = 'FAILED', last_error = '测试：发送失败' where id = ?", id);
    String retry = "/operations/notices/" + id + "/retry";
    for (Role role : Role.values()) {
      if (role == Role.ADMIN) {
        continue;
      }
      if (role == Role.ANONYMOUS) {
        assertThat(http.getForObject("/operations/notices", String.class)).as("anonymous gets the sign-in page")
            .contains("id=\"password\"");
        assertThat(http.postForEntity(retry, null, String.class).getStatusCode()).as("anonymous").isEqualTo(HttpStatus.FORBIDDEN);
      } else {
        PageSession session = PageSession.signIn(port, role.user);
        assertThat(session.get("/operations/notices").statusCode()).as(role + " on the page").isEqualTo(403);
        assertThat(session.post(retry, List.of()).statusCode()).as(role + " sending again").isEqualTo(403);
        assertThat(session.post("/operations/notices/retry-all", List.of(Map.entry("channel", "EMAIL"))).statusCode())
            .as(role + " sending all again").isEqualTo(403);
      }
      assertThat(jdbc.queryForObject("select status from notification where id = ?", String.class, id))
          .as("still failed after " + role).isEqualTo("FAILED");
    }
    PageSession administrator = PageSession.signIn(port, "admin");
    HttpResponse<String> page = administrator.get("/operations/notices");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("id=\"notice-" + id + "\"", "测试：发送失败");
    assertThat(administrator.post(retry, List.of()).body()).contains("已重新排队");
    assertThat(jdbc.queryForObject("select status from notification where id = ?", String.class, id)).isNotEqualTo("FAILED");
  }

  /**
   * A person's own notice channel (/me/notices, PUT /api/me/channel, PUT /api/me/notification-preference): everyone
   * signed in sets their own channel, mobile and digest, and nobody else's, as there is no way to name another; not
   * signed in, the page sends to the sign-in and the APIs answer 401, nothing changed.
   */
  @Test
  void ownNoticeChannel() {
    Map<String, String> before = StoredChoices.ofEveryone(engine.getIdentityService());
    assertThat(http.getForObject("/me/notices", String.class)).as("anonymous on /me/notices").contains("id=\"password\"");
    for (String path : List.of("/api/me/channel", "/api/me/notification-preference")) {
      assertThat(http.exchange(path, HttpMethod.PUT, json(Map.of("digest", true)), String.class).getStatusCode())
          .as("anonymous on " + path).isEqualTo(HttpStatus.UNAUTHORIZED);
    }
    assertThat(http.postForEntity("/me/notices", form("channel", "NONE"), String.class).getStatusCode())
        .as("anonymous posting the form").isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(StoredChoices.ofEveryone(engine.getIdentityService())).as("nothing changed by anonymous").isEqualTo(before);

    for (Role role : Role.values()) {
      if (role == Role.ANONYMOUS) {
        continue;
      }
      String mobile = "1390000000" + role.ordinal();
      PageSession session = PageSession.signIn(port, role.user);
      assertThat(session.get("/me/notices").body()).as(role + " reads their page").contains("我的通知方式", "每天汇总一封");
      HttpResponse<String> saved = session.post("/me/notices", List.of(Map.entry("channel", "EMAIL"), Map.entry("mobile", mobile),
          Map.entry("digest", "true"), Map.entry("user", "sec-xicheng"), Map.entry("id", "sec-xicheng")));
      assertThat(saved.body()).as(role + " saved on the page").contains("已保存", "value=\"" + mobile + "\"");
      assertOnlyChanged(before, role.user, "EMAIL " + mobile + " true");

      ResponseEntity<JsonNode> api = as(role).exchange("/api/me/channel", HttpMethod.PUT,
          json(Map.of("channel", "EMAIL", "mobile", "1370000000" + role.ordinal())), JsonNode.class);
      assertThat(api.getStatusCode()).as(role + " PUT /api/me/channel").isEqualTo(HttpStatus.OK);
      assertThat(as(role).exchange("/api/me/notification-preference", HttpMethod.PUT, json(Map.of("digest", false)), String.class)
          .getStatusCode()).as(role + " PUT /api/me/notification-preference").isEqualTo(HttpStatus.OK);
      assertOnlyChanged(before, role.user, "EMAIL 1370000000" + role.ordinal() + " false");
      before = StoredChoices.ofEveryone(engine.getIdentityService());
    }
  }

  /**
   * Somebody else's notice channel (PUT /api/users/{id}/channel, the page /operations/channels): administrators only.
   * Anyone else is refused (403) whoever they name, themselves included, and nothing changes; anonymous gets 401 or
   * the sign-in page; only administrators see the page in the nav.
   */
  @Test
  void otherPeoplesNoticeChannels() {
    Map<String, String> before = StoredChoices.ofEveryone(engine.getIdentityService());
    for (Role role : Role.values()) {
      if (role == Role.ANONYMOUS) {
        assertThat(http.exchange("/api/users/sec-xicheng/channel", HttpMethod.PUT, json(Map.of("channel", "NONE")), String.class)
            .getStatusCode()).as("anonymous").isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.getForObject("/operations/channels", String.class)).as("anonymous on the page").contains("id=\"password\"");
        assertThat(StoredChoices.ofEveryone(engine.getIdentityService())).as("nothing changed by anonymous").isEqualTo(before);
        continue;
      }
      PageSession session = PageSession.signIn(port, role.user);
      boolean administrator = role == Role.ADMIN;
      assertThat(session.get("/supervision/").body().contains("href=\"/operations/channels\""))
          .as(role + " sees the page in the nav").isEqualTo(administrator);
      if (!administrator) {
        for (String target : List.of("sec-xicheng", "leader", role.user)) {
          ResponseEntity<JsonNode> refused = as(role).exchange("/api/users/" + target + "/channel", HttpMethod.PUT,
              json(Map.of("channel", "SMS", "mobile", "13600000009")), JsonNode.class);
          assertThat(refused.getStatusCode()).as(role + " on " + target).isEqualTo(HttpStatus.FORBIDDEN);
          assertThat(refused.getBody().get("detail").asText()).as(role + " is told who may").contains("管理员");
        }
        assertThat(session.get("/operations/channels").statusCode()).as(role + " on the page").isEqualTo(403);
        assertThat(session.post("/operations/channels/sec-xicheng", List.of(Map.entry("channel", "SMS"),
            Map.entry("mobile", "13600000009"))).statusCode()).as(role + " posting the page's form").isEqualTo(403);
        assertThat(StoredChoices.ofEveryone(engine.getIdentityService())).as("nothing changed by " + role).isEqualTo(before);
        continue;
      }
      ResponseEntity<JsonNode> set = as(role).exchange("/api/users/leader/channel", HttpMethod.PUT,
          json(Map.of("channel", "SMS", "mobile", "13600000008")), JsonNode.class);
      assertThat(set.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertOnlyChanged(before, "leader", "SMS 13600000008 " + digest(before, "leader"));
      before = StoredChoices.ofEveryone(engine.getIdentityService());
      assertThat(session.get("/operations/channels").body()).contains("各人的通知方式", "马国强", "13600000008");
      HttpResponse<String> saved = session.post("/operations/channels/sec-xicheng",
          List.of(Map.entry("channel", "NONE"), Map.entry("mobile", "13600000007")));
      assertThat(saved.body()).contains("已保存 刘春梅 的通知方式");
      assertOnlyChanged(before, "sec-xicheng", "NONE 13600000007 " + digest(before, "sec-xicheng"));
      before = StoredChoices.ofEveryone(engine.getIdentityService());
    }
  }

  /**
   * The channel forms ride on the session only with its token: a form without the page's _csrf is refused (403) and the
   * person stays signed in; the APIs take no session at all (401), with or without Camunda's X-XSRF-TOKEN header.
   */
  @Test
  void noticeChannelFormsNeedTheSessionsToken() {
    Map<String, String> before = StoredChoices.ofEveryone(engine.getIdentityService());
    String base = "http://localhost:" + port;
    SignedInClient secretary = SignedInClient.signIn(base, "sec-chengguan");
    SignedInClient administrator = SignedInClient.signIn(base, "admin");
    String form = "application/x-www-form-urlencoded";

    assertThat(secretary.send("POST", "/me/notices", form, "channel=NONE&mobile=13500000001").statusCode()).isEqualTo(403);
    assertThat(administrator.send("POST", "/operations/channels/leader", form, "channel=NONE&mobile=13500000001").statusCode())
        .isEqualTo(403);
    for (SignedInClient session : List.of(secretary, administrator)) {
      for (String[] header : List.of(new String[0], new String[] {"X-XSRF-TOKEN", "any"})) {
        assertThat(session.send("PUT", "/api/me/channel", "application/json", "{\"channel\":\"NONE\"}", header).statusCode())
            .as("a session is no sign-in for the API").isEqualTo(401);
        assertThat(session.send("PUT", "/api/users/leader/channel", "application/json", "{\"channel\":\"NONE\"}", header)
            .statusCode()).isEqualTo(401);
        assertThat(session.send("PUT", "/api/me/notification-preference", "application/json", "{\"digest\":true}", header)
            .statusCode()).isEqualTo(401);
      }
    }
    assertThat(StoredChoices.ofEveryone(engine.getIdentityService())).isEqualTo(before);
    assertThat(secretary.get("/me/notices").statusCode()).as("still signed in").isEqualTo(200);
    assertThat(administrator.get("/operations/channels").statusCode()).as("still signed in").isEqualTo(200);
  }

  /** Everybody's stored choices as {@code before}, but {@code user}'s, which are now {@code choice}. */
  private void assertOnlyChanged(Map<String, String> before, String user, String choice) {
    Map<String, String> expected = new java.util.TreeMap<>(before);
    expected.put(user, choice);
    assertThat(StoredChoices.ofEveryone(engine.getIdentityService())).as("only " + user + " changed").isEqualTo(expected);
  }

  /** The digest as stored (another test may have set it). */
  private static String digest(Map<String, String> choices, String user) {
    return choices.get(user).substring(choices.get(user).lastIndexOf(' ') + 1);
  }

  private static HttpEntity<String> form(String name, String value) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    return new HttpEntity<>(name + "=" + value, headers);
  }

  private static List<String> zipEntries(byte[] zip) throws java.io.IOException {
    List<String> names = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        names.add(entry.getName());
      }
    }
    return names;
  }

  /** The case as the register holds it (the notices left out: the mail sender works on them meanwhile). */
  private JsonNode caseAsAdministrator(String problemId) {
    JsonNode found = as(Role.ADMIN).getForObject("/api/cases/2022-SZPY/" + problemId, JsonNode.class);
    ((com.fasterxml.jackson.databind.node.ObjectNode) found).remove("notifications");
    return found;
  }

  private static HttpEntity<Object> json(Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }

  private HttpStatus status(Role role, String path) {
    return HttpStatus.valueOf(as(role).getForEntity(path, String.class).getStatusCode().value());
  }

  private ResponseEntity<JsonNode> complete(Role role, Task task) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    Map<String, Object> variables = Map.of(
        UnitRectificationProcess.PLAN_MEASURES, Map.of("value", "按月学习"),
        UnitRectificationProcess.PLAN_RESPONSIBLE_PERSON, Map.of("value", "王明"),
        UnitRectificationProcess.PLAN_TARGET_DATE, Map.of("value", "2027-01-31"));
    return as(role).exchange("/engine-rest/task/" + task.getId() + "/complete", HttpMethod.POST,
        new HttpEntity<>(Map.of("variables", variables), headers), JsonNode.class);
  }

  private Task draftPlan(String problemId) {
    return engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(UnitRectificationProcess.businessKey(DemoRound.key(problemId), "street-chengguan"))
        .singleResult();
  }

  private TestRestTemplate as(Role role) {
    return role.user == null ? http : http.withBasicAuth(role.user, "demo");
  }

  private void assertOwnUnitOnly(Role role, List<String> businessKeys) {
    assertThat(businessKeys).as(role + " sees something").isNotEmpty();
    assertThat(businessKeys).as(role + " sees only its own unit").allMatch(key -> key.endsWith("/" + role.unit));
  }

  private List<String> businessKeysOfTasks(ResponseEntity<JsonNode> tasks) {
    List<String> keys = new ArrayList<>();
    for (JsonNode task : tasks.getBody()) {
      keys.add(engine.getRuntimeService().createProcessInstanceQuery()
          .processInstanceId(task.get("processInstanceId").asText()).singleResult().getBusinessKey());
    }
    return keys;
  }

  private static List<String> field(JsonNode array, String name) {
    return StreamSupport.stream(array.spliterator(), false).map(node -> node.get(name).asText()).toList();
  }

}
