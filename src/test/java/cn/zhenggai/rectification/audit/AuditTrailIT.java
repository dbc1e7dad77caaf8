package cn.zhenggai.rectification.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.PageSession;
import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.casework.CaseDriver;
import cn.zhenggai.rectification.evidence.EvidenceUploads;
import cn.zhenggai.rectification.extension.ExtensionRequests;
import cn.zhenggai.rectification.security.Viewer;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each kind of action, done as people do it (the sign-in page, Tasklist's REST calls, the administrators' pages),
 * leaves one row in the audit trail naming who, from where, what, on which case and unit, with the details; and the
 * database refuses to change or remove a row, but for the retention's removal of old ones.
 */
class AuditTrailIT extends PostgresApplicationTest {

  static final List<String> LOOPBACK = List.of("127.0.0.1", "0:0:0:0:0:0:0:1");

  @Autowired TestRestTemplate http;
  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  @Autowired AuditRetention retention;
  @Autowired EvidenceUploads evidence;
  @Autowired ExtensionRequests extensions;
  @LocalServerPort int port;

  @Test
  void signInSignOutAndAWrongPassword() {
    PageSession session = PageSession.signIn(port, "sup-orgdept");
    session.post("/logout", List.of());
    assertThat(http.withBasicAuth("sec-organs", "wrong").getForEntity("/api/ledger", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);

    Map<String, Object> signIn = last("SIGN_IN", "sup-orgdept");
    assertThat(signIn).containsEntry("action_name", "登录").containsEntry("actor_name", "赵明远（县委组织部组织科科长）");
    assertThat(signIn.get("address")).isIn(LOOPBACK.toArray());
    assertThat(last("SIGN_OUT", "sup-orgdept")).containsEntry("action_name", "退出登录");
    Map<String, Object> failed = last("SIGN_IN_FAILED", "sec-organs");
    assertThat(failed).containsEntry("action_name", "登录失败").containsEntry("detail", "密码错误");
    assertThat(failed.get("address")).isIn(LOOPBACK.toArray());
  }

  @Test
  void aLockThatBeginsAndIsLifted() {
    for (int i = 0; i < 5; i++) {
      http.withBasicAuth("sec-dongcheng", "wrong").getForEntity("/api/ledger", String.class);
    }
    Map<String, Object> locked = last("SIGN_IN_LOCKED", "sec-dongcheng");
    assertThat((String) locked.get("target")).startsWith("账号 sec-dongcheng 自地址 ");
    assertThat((String) locked.get("detail")).startsWith("输错密码次数过多，锁定 ");

    JsonNode locks = http.withBasicAuth("admin", "demo").getForObject("/api/operations/sign-in-locks", JsonNode.class);
    long id = 0;
    for (JsonNode lock : locks) {
      if ("sec-dongcheng".equals(lock.path("account").asText())) {
        id = lock.get("id").asLong();
      }
    }
    assertThat(http.withBasicAuth("admin", "demo").exchange("/api/operations/sign-in-locks/" + id, HttpMethod.DELETE,
        null, Void.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    Map<String, Object> lifted = last("SIGN_IN_UNLOCKED", "admin");
    assertThat((String) lifted.get("target")).startsWith("账号 sec-dongcheng 自地址 ");
    assertThat(lifted).containsEntry("detail", "输错密码 5 次");
  }

  @Test
  void claimUnclaimAndAReturnWithItsReasonAsTasklistDoesThem() {
    Task draft = new CaseDriver(engine).unitTask("2.1", "street-xicheng");
    as("sec-xicheng").postForEntity("/engine-rest/task/" + draft.getId() + "/claim", Map.of("userId", "sec-xicheng"), Void.class);
    new CaseDriver(engine).submitPlan("2.1", "street-xicheng", "sec-xicheng");
    Task review = new CaseDriver(engine).unitTask("2.1", "street-xicheng");
    as("admin").postForEntity("/engine-rest/task/" + review.getId() + "/claim", Map.of("userId", "admin"), Void.class);
    assertThat(as("admin").postForEntity("/engine-rest/task/" + review.getId() + "/unclaim", Map.of(), String.class))
        .satisfies(answer -> assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.NO_CONTENT));
    as("sup-orgdept").postForEntity("/engine-rest/task/" + review.getId() + "/claim", Map.of("userId", "sup-orgdept"), Void.class);
    assertThat(as("sup-orgdept").postForEntity("/engine-rest/task/" + review.getId() + "/complete",
        Map.of("variables", Map.of("planApproved", Map.of("value", false, "type", "Boolean"),
            "reviewComment", Map.of("value", "措施不具体，请细化到月", "type", "String"))), Void.class).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);

    String problem = DemoRound.key("2.1");
    Map<String, Object> claimed = last("TASK_CLAIMED", "sec-xicheng");
    assertThat(claimed).containsEntry("action_name", "认领待办").containsEntry("problem_id", problem)
        .containsEntry("unit_id", "street-xicheng");
    assertThat(claimed.get("address")).isIn(LOOPBACK.toArray());
    assertThat(last("TASK_UNCLAIMED", "admin")).containsEntry("problem_id", problem)
        .containsEntry("unit_id", "street-xicheng").containsEntry("action_name", "放弃认领待办");
    assertThat(last("PLAN_SUBMITTED", "sec-xicheng")).containsEntry("unit_id", "street-xicheng");
    Map<String, Object> returned = last("PLAN_RETURNED", "sup-orgdept");
    assertThat(returned).containsEntry("action_name", "退回整改方案").containsEntry("problem_id", problem)
        .containsEntry("unit_id", "street-xicheng").containsEntry("detail", "退回理由：措施不具体，请细化到月");
    assertThat(returned.get("address")).isIn(LOOPBACK.toArray());
  }

  @Test
  void closureConfirmed() {
    CaseDriver cases = new CaseDriver(engine, evidence);
    for (String street : List.of("chengguan", "dongcheng", "xicheng")) {
      cases.submitPlan("2.3", "street-" + street, "sec-" + street);
      cases.reviewPlan("2.3", "street-" + street, "sup-orgdept", true, null);
      cases.submitReport("2.3", "street-" + street, "sec-" + street);
      cases.acceptRectification("2.3", "street-" + street, "sup-orgdept", true, null);
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> cases.closureTask("2.3") != null);
    cases.confirmClosure("2.3", "sup-orgdept");

    assertThat(last("CLOSURE_CONFIRMED", "sup-orgdept")).containsEntry("problem_id", DemoRound.key("2.3"))
        .containsEntry("action_name", "确认问题整改完成");
    assertThat(last("RECTIFICATION_ACCEPTED", "sup-orgdept")).containsEntry("problem_id", DemoRound.key("2.3"));

    // the look-back comes up (its timer run now rather than months later) and 城关 is reopened (复号)
    String lookBackTimer = engine.getManagementService().createJobQuery().timers()
        .processInstanceId(engine.getRuntimeService().createProcessInstanceQuery()
            .processInstanceBusinessKey(DemoRound.key("2.3")).singleResult().getId())
        .singleResult().getId();
    engine.getManagementService().executeJob(lookBackTimer);
    cases.reopen("2.3", "street-chengguan", "sup-orgdept", "群众反映问题反弹", LocalDate.now().plusDays(30).toString());

    Map<String, Object> reopened = last("UNIT_REOPENED", "sup-orgdept");
    assertThat(reopened).containsEntry("action_name", "复号").containsEntry("problem_id", DemoRound.key("2.3"))
        .containsEntry("unit_id", "street-chengguan");
    assertThat((String) reopened.get("detail")).contains("群众反映问题反弹");
  }

  @Test
  void aRequestForMoreTime() {
    Task draft = new CaseDriver(engine).unitTask("1.1", "street-chengguan");
    LocalDate due = draft.getDueDate().toInstant().atZone(ZoneId.of("Asia/Shanghai")).toLocalDate();
    extensions.request(draft.getId(), due.plusDays(10), "需征求党员群众意见",
        new Viewer("sec-chengguan", Set.of("street-chengguan"), false));

    Map<String, Object> requested = last("EXTENSION_REQUESTED", "sec-chengguan");
    assertThat(requested).containsEntry("action_name", "申请延期").containsEntry("problem_id", DemoRound.key("1.1"))
        .containsEntry("unit_id", "street-chengguan");
    assertThat((String) requested.get("detail")).contains("需征求党员群众意见", due.plusDays(10).toString());
  }

  @Test
  void anAdministratorsChangesThroughTheRestApiAsCamundaAdminMakesThem() {
    assertThat(as("admin").postForEntity("/engine-rest/user/create", Map.of(
        "profile", Map.of("id", "sec-newtown", "firstName", "李新", "lastName", "新城街道党工委书记", "email", "sec-newtown@example.org"),
        "credentials", Map.of("password", "Xinchengjiedao-2026!")), String.class).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(as("admin").exchange("/engine-rest/group/street-xicheng/members/sec-newtown", HttpMethod.PUT, null,
        String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(as("admin").postForEntity("/engine-rest/authorization/create", Map.of("type", 1,
        "permissions", List.of("READ"), "userId", "sec-newtown", "resourceType", 6, "resourceId", "*"), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);

    Map<String, Object> user = last("USER_CREATED", "admin");
    assertThat(user).containsEntry("action_name", "新建用户").containsEntry("target", "sec-newtown");
    assertThat(user.get("address")).isIn(LOOPBACK.toArray());
    assertThat(last("MEMBERSHIP_ADDED", "admin")).containsEntry("action_name", "加入组")
        .containsEntry("target", "sec-newtown → street-xicheng");
    Map<String, Object> grant = last("AUTHORIZATION_CREATED", "admin");
    assertThat(grant).containsEntry("action_name", "新建授权").containsEntry("target", "ProcessDefinition * → 用户 sec-newtown");
    assertThat((String) grant.get("detail")).contains("permissions：READ", "userId：sec-newtown")
        .containsOnlyOnce("permissions：READ");
  }

  @Test
  void exportsDownloadsAndAnAdministratorsChannelChange() {
    TestRestTemplate supervisor = as("sup-orgdept");
    assertThat(supervisor.getForEntity("/supervision/ledger.xlsx?round=2022-SZPY&unit=street-xicheng", byte[].class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(supervisor.getForEntity("/supervision/ledger.csv?round=all", byte[].class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    CaseDriver cases = new CaseDriver(engine, evidence);
    cases.attachEvidence(cases.unitTask("2.2", "street-dongcheng"), "street-dongcheng", "sec-dongcheng");
    long file = jdbc.queryForObject("select id from evidence_file where case_key = ?", Long.class, DemoRound.key("2.2"));
    assertThat(supervisor.getForEntity("/evidence/files/" + file, byte[].class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(supervisor.getForEntity("/evidence/cases/2022-SZPY/2.2.zip", byte[].class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(as("admin").exchange("/api/users/sec-xicheng/channel", HttpMethod.PUT,
        new org.springframework.http.HttpEntity<>(Map.of("channel", "EMAIL")), String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(as("sec-dongcheng").exchange("/api/me/channel", HttpMethod.PUT,
        new org.springframework.http.HttpEntity<>(Map.of("channel", "SMS", "mobile", "13800000002")), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);

    List<Map<String, Object>> ledgers = jdbc.queryForList(
        "select * from audit_event where action = 'LEDGER_EXPORTED' and actor_id = 'sup-orgdept' order by id");
    assertThat(ledgers).extracting(row -> row.get("target")).containsExactly("整改台账-2022年度抓基层党建工作述职评议.xlsx",
        "整改台账-2022年度抓基层党建工作述职评议.csv");
    assertThat(ledgers.get(0).get("detail")).isEqualTo("{round=2022-SZPY, unit=street-xicheng}");
    Map<String, Object> download = last("EVIDENCE_DOWNLOADED", "sup-orgdept");
    assertThat(download).containsEntry("problem_id", DemoRound.key("2.2")).containsEntry("unit_id", "street-dongcheng")
        .containsEntry("target", "整改记录.pdf");
    assertThat(last("EVIDENCE_ZIP_DOWNLOADED", "sup-orgdept")).containsEntry("problem_id", DemoRound.key("2.2"))
        .containsEntry("detail", "1 个文件");
    assertThat(last("CHANNEL_CHANGED", "admin")).containsEntry("target", "sec-xicheng")
        .containsEntry("detail", "通知方式：邮件");
    assertThat(last("CHANNEL_CHANGED", "sec-dongcheng")).as("a person's own change too").containsEntry("target", "sec-dongcheng")
        .containsEntry("detail", "通知方式：短信；手机号码：13800000002");
  }

  @Test
  void theDatabaseRefusesToChangeOrRemoveARowButTheRetentionRemovesOldOnes() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    insert(now.minus(4000, ChronoUnit.DAYS), "OLD");
    insert(now.minus(10, ChronoUnit.DAYS), "RECENT");

    assertThatThrownBy(() -> jdbc.update("update audit_event set detail = 'x' where action = 'OLD'"))
        .isInstanceOf(DataAccessException.class).hasMessageContaining("审计记录只能追加，不能修改或删除");
    assertThatThrownBy(() -> jdbc.update("delete from audit_event where action = 'OLD'"))
        .hasMessageContaining("审计记录只能追加，不能修改或删除");
    assertThatThrownBy(() -> jdbc.execute("truncate audit_event"))
        .hasMessageContaining("审计记录只能追加，不能修改或删除");

    assertThat(retention.removeOlderThan(now.minus(3653, ChronoUnit.DAYS), 100)).isEqualTo(1);
    assertThat(jdbc.queryForList("select action from audit_event where action in ('OLD', 'RECENT')", String.class))
        .containsExactly("RECENT");
    assertThatThrownBy(() -> jdbc.update("delete from audit_event where action = 'RECENT'"))
        .as("the cut-off held for the retention's transaction only")
        .hasMessageContaining("审计记录只能追加，不能修改或删除");
  }

  private void insert(Instant at, String action) {
    jdbc.update("insert into audit_event (occurred_at, action, action_name) values (?, ?, ?)", Timestamp.from(at), action,
        action);
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, "demo");
  }

  /** The newest row of this action by this person. */
  private Map<String, Object> last(String action, String actor) {
    List<Map<String, Object>> rows = jdbc.queryForList(
        "select * from audit_event where action = ? and actor_id = ? order by id desc", action, actor);
    assertThat(rows).as(action + " by " + actor).isNotEmpty();
    return rows.get(0);
  }
}
