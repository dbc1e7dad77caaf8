package cn.zhenggai.rectification.notification;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.PageSession;
import cn.zhenggai.rectification.PostgresApplicationTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * On PostgreSQL: the administrators' page of people's channels (/operations/channels) finds people by name, title or
 * account, 50 a page, and saves by the same rule as a person's own choice; a person chooses the daily digest on their
 * own page (/me/notices) too, and it is kept whatever the channel.
 */
class ChannelsPageIT extends PostgresApplicationTest {

  private static final Pattern ACCOUNT = Pattern.compile("data-account=\"([^\"]+)\"");
  private static final Pattern DIGEST_TICKED = Pattern.compile("name=\"digest\"[^>]*checked");

  @Autowired IdentityService identity;
  @Autowired TestRestTemplate http;
  @LocalServerPort int port;

  @Test
  void manyAccountsAreFoundByNameTitleOrAccountFiftyAPage() {
    for (int i = 1; i <= 60; i++) {
      User clerk = identity.newUser(String.format("clerk-%02d", i));
      clerk.setFirstName("办事员" + i);
      clerk.setLastName("科员");
      clerk.setEmail("clerk-" + i + "@example.org");
      identity.saveUser(clerk);
    }
    PageSession administrator = PageSession.signIn(port, "admin");

    String first = administrator.get("/operations/channels").body();
    String second = administrator.get("/operations/channels?page=2").body();
    assertThat(accounts(first)).hasSize(50).startsWith("admin", "clerk-01");
    assertThat(first).contains("共 69 人", "第 1 / 2 页", "下一页").doesNotContain("上一页");
    assertThat(accounts(second)).hasSize(19).endsWith("sup-orgdept").doesNotContainAnyElementsOf(accounts(first));
    assertThat(accounts(administrator.get("/operations/channels?page=9").body())).as("past the end: the last page")
        .isEqualTo(accounts(second));

    String clerks = administrator.get("/operations/channels?q=%20CLERK-%20&page=2").body();
    assertThat(accounts(clerks)).as("part of an account, any case").hasSize(10).startsWith("clerk-51");
    assertThat(clerks).contains("共 60 人", "第 2 / 2 页", "上一页");
    assertThat(accounts(administrator.get("/operations/channels?q=马国强").body())).containsExactly("leader");
    assertThat(accounts(administrator.get("/operations/channels?q=书记").body())).as("by title")
        .containsExactly("leader", "sec-chengguan", "sec-dongcheng", "sec-education", "sec-organs", "sec-xicheng");
    assertThat(administrator.get("/operations/channels?q=sec-chengguan").body()).contains("李卫东", "城关街道党工委", "邮件");
  }

  @Test
  void anAdministratorSetsTheLeadersChannelAndARefusalNamesTheFieldBesideTheForm() {
    PageSession administrator = PageSession.signIn(port, "admin");

    HttpResponse<String> refused = administrator.post("/operations/channels/leader",
        List.of(Map.entry("channel", "SMS"), Map.entry("mobile", "12345"), Map.entry("q", "马国强"), Map.entry("page", "1")));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(row(refused.body(), "leader")).contains("mobile（手机号码）须为 11 位手机号码", "value=\"12345\"")
        .containsPattern("value=\"SMS\"\\s+checked");
    assertThat(StoredChoices.of(identity, "leader")).as("nothing stored").isEqualTo("null null null");

    HttpResponse<String> saved = administrator.post("/operations/channels/leader",
        List.of(Map.entry("channel", "SMS"), Map.entry("mobile", "137 0000 0001"), Map.entry("q", "马国强"), Map.entry("page", "1")));
    assertThat(saved.statusCode()).isEqualTo(200);
    assertThat(saved.body()).contains("已保存 马国强 的通知方式");
    assertThat(accounts(saved.body())).as("back on the same search").containsExactly("leader");
    assertThat(row(saved.body(), "leader")).contains("<td class=\"channel\">短信</td>", "<td class=\"mobile\">13700000001</td>");
    assertThat(StoredChoices.of(identity, "leader")).isEqualTo("SMS 13700000001 null");
  }

  @Test
  void theDigestIsChosenOnTheOwnPageAndKeptWhateverTheChannel() {
    PageSession secretary = PageSession.signIn(port, "sec-dongcheng");
    String page = secretary.get("/me/notices").body();
    assertThat(page).contains("每天汇总一封（不逐条发邮件）", "只在通知方式为“邮件”时发出");
    assertThat(DIGEST_TICKED.matcher(page).find()).isFalse();

    String ticked = secretary.post("/me/notices", List.of(Map.entry("channel", "EMAIL"), Map.entry("mobile", ""),
        Map.entry("digest", "true"))).body();
    assertThat(ticked).contains("已保存");
    assertThat(DIGEST_TICKED.matcher(ticked).find()).isTrue();
    assertThat(StoredChoices.of(identity, "sec-dongcheng")).isEqualTo("EMAIL null true");

    assertThat(http.withBasicAuth("sec-dongcheng", "demo").exchange("/api/me/notification-preference", HttpMethod.PUT,
        new HttpEntity<>(Map.of("digest", false)), String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(DIGEST_TICKED.matcher(secretary.get("/me/notices").body()).find()).as("the API's choice on the page").isFalse();

    String sms = secretary.post("/me/notices", List.of(Map.entry("channel", "SMS"), Map.entry("mobile", "13900000002"),
        Map.entry("digest", "true"))).body();
    assertThat(DIGEST_TICKED.matcher(sms).find()).as("kept with SMS").isTrue();
    assertThat(StoredChoices.of(identity, "sec-dongcheng")).isEqualTo("SMS 13900000002 true");

    String refused = secretary.post("/me/notices", List.of(Map.entry("channel", "EMAIL"), Map.entry("mobile", "139"))).body();
    assertThat(refused).contains("mobile（手机号码）");
    assertThat(StoredChoices.of(identity, "sec-dongcheng")).as("a refused form changes the digest neither").isEqualTo("SMS 13900000002 true");
  }

  private static List<String> accounts(String page) {
    List<String> accounts = new ArrayList<>();
    Matcher account = ACCOUNT.matcher(page);
    while (account.find()) {
      accounts.add(account.group(1));
    }
    return accounts;
  }

  /** The table row of one account. */
  private static String row(String page, String account) {
    int start = page.indexOf("data-account=\"" + account + "\"");
    assertThat(start).as("a row for " + account).isPositive();
    return page.substring(start, page.indexOf("</tr>", start));
  }
}
