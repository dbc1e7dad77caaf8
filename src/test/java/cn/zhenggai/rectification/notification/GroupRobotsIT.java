package cn.zhenggai.rectification.notification;

import static cn.zhenggai.rectification.notification.RobotNoticesIT.content;
import static cn.zhenggai.rectification.notification.RobotNoticesIT.messages;
import static cn.zhenggai.rectification.notification.RobotNoticesIT.robot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.PostgresApplicationTest;
import cn.zhenggai.rectification.casework.CaseStarter;
import cn.zhenggai.rectification.extension.ExtensionRequests;
import cn.zhenggai.rectification.organization.PeopleDirectory;
import cn.zhenggai.rectification.problem.Problem;
import cn.zhenggai.rectification.security.Viewer;
import cn.zhenggai.rectification.vocabulary.StageDeadlines;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Robots of groups besides units, from the application on PostgreSQL to fake DingTalk and WeCom servers, with deadlines
 * in seconds ({@link SecondScaleDeadlines}: yellow 30 s after a task opens, red 10 s later): the organization department
 * (a supervisor group) and 城关 (a unit) each have a DingTalk robot, the county leaders a WeCom robot, and one robot
 * names a group that does not exist.
 */
@ExtendWith(OutputCaptureExtension.class)
class GroupRobotsIT extends PostgresApplicationTest {

  static final String SUPERVISOR_MOBILE = "13500000001";
  static final String SECRETARY_MOBILE = "13500000002";
  static final String LEADER_MOBILE = "13500000003";

  @RegisterExtension static final FakeDingTalk dingTalk = new FakeDingTalk()
      .robot("token-orgdept", "SECorgdept0123456789abcdef").robot("token-chengguan", "SECchengguan0123456789abcdef")
      .robot("token-nowhere", "SECnowhere0123456789abcdef");
  @RegisterExtension static final FakeWeCom weCom = new FakeWeCom().robot("key-leaders");

  @DynamicPropertySource
  static void groupRobots(DynamicPropertyRegistry registry) {
    SecondScaleDeadlines.register(registry);
    registry.add("rectification.channels.poll-interval", () -> "PT1S");
    registry.add("rectification.channels.dingtalk-base-url", dingTalk::baseUrl);
    registry.add("rectification.channels.wecom-base-url", weCom::baseUrl);
    robot(registry, 0, "org-dept", "DINGTALK", "token", "token-orgdept", "SECorgdept0123456789abcdef");
    robot(registry, 1, "street-chengguan", "DINGTALK", "token", "token-chengguan", "SECchengguan0123456789abcdef");
    robot(registry, 2, "county-leaders", "WECOM", "key", "key-leaders", null);
    robot(registry, 3, "no-such-group", "DINGTALK", "token", "token-nowhere", "SECnowhere0123456789abcdef");
  }

  @Autowired IdentityService identity;
  @Autowired PeopleDirectory directory;
  @Autowired TaskService tasks;
  @Autowired JdbcTemplate jdbc;
  @Autowired CaseStarter starter;
  @Autowired ExtensionRequests extensions;
  @Autowired StageDeadlines deadlines;
  @Autowired NotificationProperties properties;

  @BeforeEach
  void mobiles() {
    identity.setUserInfo("sup-orgdept", Notifications.MOBILE, SUPERVISOR_MOBILE);
    identity.setUserInfo("sec-chengguan", Notifications.MOBILE, SECRETARY_MOBILE);
    identity.setUserInfo("leader", Notifications.MOBILE, LEADER_MOBILE);
  }

  /**
   * The red card goes to the unit, its supervisors and the leaders: each group's robot gets it once, mentioning its own
   * people. The supervisors' robot gets the cards only, the unit's robot every notice of the unit's task.
   */
  @Test
  void aRedCardReachesTheSupervisorsTheUnitsAndTheLeadersRobotsOnceEachMentioningTheirOwnPeople() {
    open("9.1", "督办群红牌测试问题");

    await().atMost(Duration.ofSeconds(120)).until(() -> redCards("token-orgdept").size() == 1
        && redCards("token-chengguan").size() == 1 && messages(weCom, "key-leaders", "督办群红牌测试问题").size() == 1);
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> redCards("token-orgdept").size() == 1
        && redCards("token-chengguan").size() == 1 && messages(weCom, "key-leaders", "督办群红牌测试问题").size() == 1);

    FakeRobotServer.Received supervisors = redCards("token-orgdept").get(0);
    assertThat(content(supervisors)).startsWith("【红牌督办】城关街道党工委 · 制定整改方案 · 已逾期 1 天")
        .endsWith("@" + SUPERVISOR_MOBILE).doesNotContain(SECRETARY_MOBILE, LEADER_MOBILE);
    assertThat(supervisors.message().path("at").path("atMobiles").toString()).isEqualTo("[\"" + SUPERVISOR_MOBILE + "\"]");
    assertThat(kinds("token-orgdept")).containsExactly("【黄牌督办】", "【红牌督办】");

    FakeRobotServer.Received unit = redCards("token-chengguan").get(0);
    assertThat(content(unit)).endsWith("@" + SECRETARY_MOBILE).doesNotContain(SUPERVISOR_MOBILE, LEADER_MOBILE);
    assertThat(kinds("token-chengguan")).containsExactly("【新任务】", "【催办】", "【今日到期】", "【黄牌督办】", "【红牌督办】");

    FakeRobotServer.Received leaders = messages(weCom, "key-leaders", "督办群红牌测试问题").get(0);
    assertThat(content(leaders)).startsWith("【红牌督办】");
    assertThat(leaders.message().path("text").path("mentioned_mobile_list").toString()).isEqualTo("[\"" + LEADER_MOBILE + "\"]");

    assertThat(jdbc.queryForList("select recipient_id || ' ' || channel || ' ' || status from notification"
        + " where problem_id = '2022-SZPY/9.1' and kind = 'RED_CARD' and channel <> 'EMAIL'", String.class))
        .containsExactlyInAnyOrder("org-dept DINGTALK SENT", "street-chengguan DINGTALK SENT", "county-leaders WECOM SENT");
  }

  /** A request for more time goes to the supervisors: their robot gets it, the unit's robot does not. */
  @Test
  void aRequestForMoreTimeReachesTheSupervisorsRobotAndNotTheUnits() {
    Task plan = open("9.2", "督办群延期测试问题");
    extensions.request(plan.getId(), deadlines.dayOf(plan.getDueDate()).plusDays(7), "需要先征求群众意见",
        new Viewer("sec-chengguan", Set.of("street-chengguan"), false));

    await().atMost(Duration.ofSeconds(30)).until(() -> kinds("token-orgdept", "督办群延期测试问题").contains("【延期申请】"));
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
        .until(() -> kinds("token-orgdept", "督办群延期测试问题").stream().filter("【延期申请】"::equals).count() == 1);
    assertThat(content(messages(dingTalk, "token-orgdept", "督办群延期测试问题").get(0))).contains("需要先征求群众意见")
        .endsWith("@" + SUPERVISOR_MOBILE);
    assertThat(kinds("token-chengguan", "督办群延期测试问题")).doesNotContain("【延期申请】");
  }

  /**
   * Whether a robot's group exists is known only once the groups are seeded: the robots' first use names a missing one,
   * once (here a second set of the same robots, as the application's own was first used while it seeded its cases).
   */
  @Test
  void aRobotOfAGroupThatDoesNotExistIsNamedInAWarningOnceAndGetsNothing(CapturedOutput output) {
    Robots robots = new Robots(properties);
    robots.all(new Recipients(directory)::groupExists);
    robots.all(new Recipients(directory)::groupExists);

    String warning = "rectification.robots[3].unit：组 no-such-group 不存在，这个群机器人收不到任何通知";
    assertThat(Pattern.compile(Pattern.quote(warning)).matcher(output.getOut()).results().count()).isOne();
    assertThat(output.getOut()).doesNotContain("robots[0]", "robots[1]", "robots[2]");
    assertThat(dingTalk.received("token-nowhere")).isEmpty();
    assertThat(jdbc.queryForObject("select count(*) from notification where recipient_id = 'no-such-group'", Integer.class))
        .isZero();
  }

  private Task open(String number, String title) {
    starter.startIfNew(DemoRound.opening(new Problem(number, "测试类别", title, "原文", List.of(), List.of("street-chengguan"),
        List.of("org-dept"), LocalDate.of(2027, 6, 30))));
    return tasks.createTaskQuery()
        .processInstanceBusinessKey(UnitRectificationProcess.businessKey(DemoRound.key(number), "street-chengguan"))
        .singleResult();
  }

  private List<FakeRobotServer.Received> redCards(String token) {
    return messages(dingTalk, token, "督办群红牌测试问题").stream().filter(m -> content(m).startsWith("【红牌督办】")).toList();
  }

  private List<String> kinds(String token) {
    return kinds(token, "督办群红牌测试问题");
  }

  /** The kinds (【…】) of the messages about this problem, in the order they arrived. */
  private List<String> kinds(String token, String title) {
    return messages(dingTalk, token, title).stream().map(m -> content(m).substring(0, content(m).indexOf('】') + 1)).toList();
  }
}
