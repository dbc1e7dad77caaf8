package cn.zhenggai.rectification.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.casework.CaseDriver;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The names and members the steps and notices use are remembered, yet what an administrator changes on this node
 * shows in the very next timeline entry, audit row or notice; a change made on another node of the installation shows
 * here within {@link PeopleDirectory#FRESH}. A person's own channel choice counts at once, whichever node it was made on.
 */
class PeopleDirectoryIT extends PostgresApplicationTest {

  @Autowired PeopleDirectory directory;
  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate http;

  @Test
  void aRenamedPersonIsNamedSoInTheNextTimelineEntryAndAuditRow() {
    assertThat(as("admin").getForObject("/engine-rest/user/sec-chengguan/profile", Map.class))
        .containsEntry("firstName", "李卫东");
    assertThat(directory.nameOf("sec-chengguan")).startsWith("李卫东");

    assertThat(as("admin").exchange("/engine-rest/user/sec-chengguan/profile", HttpMethod.PUT, new HttpEntity<>(Map.of(
        "id", "sec-chengguan", "firstName", "李卫国", "lastName", "城关街道党工委副书记",
        "email", "sec-chengguan@example.org")), String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(directory.nameOf("sec-chengguan")).as("at once, not after the freshness").isEqualTo("李卫国（城关街道党工委副书记）");
    new CaseDriver(engine).submitPlan("2.1", "street-chengguan", "sec-chengguan");

    String problem = DemoRound.key("2.1");
    assertThat(jdbc.queryForObject("select actor_name from case_event where problem_id = ? and unit_id = ?"
        + " and kind = 'PLAN_SUBMITTED'", String.class, problem, "street-chengguan")).isEqualTo("李卫国（城关街道党工委副书记）");
    assertThat(jdbc.queryForList("select actor_name from audit_event where action = 'PLAN_SUBMITTED' and problem_id = ?"
        + " and unit_id = ?", String.class, problem, "street-chengguan")).containsExactly("李卫国（城关街道党工委副书记）");
  }

  @Test
  void accountsThatDoNotExistDoNotFillTheMemory() {
    for (int i = 0; i <= PeopleDirectory.MOST_REMEMBERED + 100; i++) {
      assertThat(directory.nameOf("typed-at-sign-in-" + i)).isEqualTo("typed-at-sign-in-" + i);
    }
    assertThat(directory.remembered()).isLessThanOrEqualTo(PeopleDirectory.MOST_REMEMBERED);
    assertThat(directory.nameOf("sec-dongcheng")).as("people are still named").isNotEqualTo("sec-dongcheng");
  }

  @Test
  void aNewMemberOfAUnitGetsItsNextNewTaskNoticeAndAFormerOneDoesNot() {
    assertThat(directory.members("street-dongcheng")).extracting(User::getId).containsExactly("sec-dongcheng");

    assertThat(as("admin").exchange("/engine-rest/group/street-dongcheng/members/sec-organs", HttpMethod.PUT, null,
        String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(as("admin").exchange("/engine-rest/group/street-dongcheng/members/sec-dongcheng", HttpMethod.DELETE, null,
        String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    CaseDriver cases = new CaseDriver(engine);
    cases.submitPlan("2.2", "street-dongcheng", "sec-organs");
    cases.reviewPlan("2.2", "street-dongcheng", "sup-orgdept", true, null);

    String rectify = cases.unitTask("2.2", "street-dongcheng").getId();
    assertThat(engine.getTaskService().createTaskQuery().taskId(rectify).singleResult().getTaskDefinitionKey())
        .isEqualTo(UnitRectificationProcess.TASK_RECTIFY);
    assertThat(jdbc.queryForList("select recipient_id from notification where kind = 'NEW_TASK' and task_id = ?"
        + " and channel = 'EMAIL'", String.class, rectify)).containsExactly("sec-organs");
  }

  @Test
  void aChannelChosenJustNowCarriesTheNextNotice() {
    assertThat(directory.info("sec-xicheng", "rectification.channel")).isEmpty();

    assertThat(as("sec-xicheng").exchange("/api/me/channel", HttpMethod.PUT,
        new HttpEntity<>(Map.of("channel", "SMS", "mobile", "13800000003")), String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    CaseDriver cases = new CaseDriver(engine);
    cases.submitPlan("2.3", "street-xicheng", "sec-xicheng");
    cases.reviewPlan("2.3", "street-xicheng", "sup-orgdept", true, null);

    String rectify = cases.unitTask("2.3", "street-xicheng").getId();
    List<Map<String, Object>> notices = jdbc.queryForList(
        "select channel, address from notification where kind = 'NEW_TASK' and task_id = ? and recipient_id = ?",
        rectify, "sec-xicheng");
    assertThat(notices).containsExactly(Map.of("channel", "SMS", "address", "13800000003"));
  }

  /** Another node's write reaches this node's tables but not its directory: user info is read afresh every time. */
  @Test
  void aMobileGivenOnAnotherNodeIsUsedAtOnce() {
    engine.getIdentityService().saveUser(engine.getIdentityService().newUser("new-secretary"));
    assertThat(directory.info("new-secretary", "rectification.mobile")).isEmpty();

    jdbc.update("insert into act_id_info (id_, rev_, user_id_, type_, key_, value_) values"
        + " ('other-node-mobile', 1, 'new-secretary', 'userinfo', 'rectification.mobile', '13800000004')");
    assertThat(directory.info("new-secretary", "rectification.mobile")).contains("13800000004");
  }

  /** Another node's write reaches this node's tables but not its directory: seen here once the answer is stale. */
  @Test
  void aRenameOnAnotherNodeShowsWithinTheFreshness() {
    assertThat(directory.nameOf("sup-discipline")).doesNotStartWith("钱");

    jdbc.update("update act_id_user set first_ = '钱立新' where id_ = 'sup-discipline'");
    assertThat(directory.nameOf("sup-discipline")).as("answered from memory").doesNotStartWith("钱");
    await().atMost(PeopleDirectory.FRESH.plus(Duration.ofSeconds(2))).pollInterval(Duration.ofMillis(500))
        .until(() -> directory.nameOf("sup-discipline").startsWith("钱立新"));
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, "demo");
  }
}
