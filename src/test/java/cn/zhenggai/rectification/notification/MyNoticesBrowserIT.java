package cn.zhenggai.rectification.notification;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.Browser;
import cn.zhenggai.rectification.BrowserApplicationTest;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * People's channels in a real browser: a secretary chooses SMS with her mobile on her own page and sees it kept, and is
 * told in Chinese what is wrong with a bad number, which stays in the field as typed; an administrator finds the county
 * leader by name and sets his red cards to come by SMS. Screenshots under {@code target/screenshots/}.
 */
class MyNoticesBrowserIT extends BrowserApplicationTest {

  private static final By MOBILE = By.cssSelector("#my-notices input[name='mobile']");

  @Autowired IdentityService identity;

  @Test
  void aSecretaryChoosesSmsWithHerMobileAndIsToldWhatIsWrongWithABadOne() throws Exception {
    openSigningIn("/me/notices", "sec-chengguan");
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("我的通知方式");

    channel("SMS").click();
    type(MOBILE, "13800000011");
    browser.findElement(By.cssSelector("#my-notices button[type='submit']")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice.done"), "已保存"));
    WebElement before = browser.findElement(MOBILE);
    browser.navigate().refresh();
    wait.until(ExpectedConditions.stalenessOf(before));
    assertThat(channel("SMS").isSelected()).as("短信 after a reload").isTrue();
    assertThat(browser.findElement(MOBILE).getDomProperty("value")).isEqualTo("13800000011");
    screenshot("1-sms-saved");

    type(MOBILE, "1380000");
    browser.findElement(By.cssSelector("#my-notices button[type='submit']")).click();
    WebElement refused = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("refused")));
    assertThat(refused.getText()).contains("手机号码", "11 位");
    assertThat(browser.findElement(MOBILE).getDomProperty("value")).as("as typed").isEqualTo("1380000");
    assertThat(channel("SMS").isSelected()).isTrue();
    screenshot("2-bad-mobile");
    assertThat(StoredChoices.of(identity, "sec-chengguan")).isEqualTo("SMS 13800000011 false");
  }

  @Test
  void anAdministratorFindsTheLeaderByNameAndSetsSmsWithHisMobile() throws Exception {
    openSigningIn("/operations/channels", "admin");
    assertThat(browser.findElement(By.cssSelector(".nav a.current")).getText()).isEqualTo("通知方式");

    type(By.cssSelector("#search input[name='q']"), "马国强");
    browser.findElement(By.cssSelector("#search button[type='submit']")).click();
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#channels tr[data-account]"), 1));
    WebElement leader = browser.findElement(By.cssSelector("#channels tr[data-account='leader']"));
    assertThat(leader.getText()).contains("马国强", "县委领导", "邮件");
    leader.findElement(By.cssSelector("input[name='channel'][value='SMS']")).click();
    type(leader.findElement(By.cssSelector("input[name='mobile']")), "13700000001");
    screenshot("3-leader-found");
    leader.findElement(By.cssSelector("button[type='submit']")).click();

    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("saved"), "已保存 马国强 的通知方式"));
    WebElement saved = browser.findElement(By.cssSelector("#channels tr[data-account='leader']"));
    assertThat(saved.findElement(By.cssSelector("td.channel")).getText()).isEqualTo("短信");
    assertThat(saved.findElement(By.cssSelector("td.mobile")).getText()).isEqualTo("13700000001");
    screenshot("4-leader-saved");
    assertThat(StoredChoices.of(identity, "leader")).isEqualTo("SMS 13700000001 null");
  }

  /** Opens the page signed out, signs in where it sends, and is back on the page. */
  private void openSigningIn(String path, String user) {
    browser.get(url(path));
    wait.until(ExpectedConditions.urlContains("/login"));
    Browser.signIn(browser, user, "demo");
    wait.until(ExpectedConditions.urlContains(path));
  }

  private WebElement channel(String name) {
    return browser.findElement(By.cssSelector("#my-notices input[name='channel'][value='" + name + "']"));
  }

  private void type(By field, String text) {
    type(browser.findElement(field), text);
  }

  private static void type(WebElement field, String text) {
    field.clear();
    field.sendKeys(text);
  }
}
