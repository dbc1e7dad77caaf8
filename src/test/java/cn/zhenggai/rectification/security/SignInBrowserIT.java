package cn.zhenggai.rectification.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhenggai.rectification.Browser;
import cn.zhenggai.rectification.BrowserApplicationTest;
import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.casework.CaseDriver;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/** Signing in and out of Tasklist in a real browser; free text with a script in it shown as text, never run. */
class SignInBrowserIT extends BrowserApplicationTest {

  @Autowired ProcessEngine engine;

  @Test
  void aSecretarySignsInThroughTasklistAndOut() throws Exception {
    browser.get(url("/camunda/app/tasklist/default/"));
    wait.until(ExpectedConditions.urlContains("/login"));
    assertThat(browser.getTitle()).isEqualTo("登录 · 整改台账");

    signIn("sec-xicheng", "wrong");
    wait.until(ExpectedConditions.urlContains("/login?error"));
    assertThat(browser.findElement(By.cssSelector(".notice.error")).getText()).contains("用户名或密码不正确");

    signIn("sec-chengguan", "demo");
    wait.until(ExpectedConditions.urlContains("/camunda/app/tasklist/"));
    WebElement account = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("li.account a.dropdown-toggle")));
    assertThat(account.getText()).contains("李卫东");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".task-filters"), "本单位待办"));
    screenshot("signed-in");

    account.click();
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("li.account li.logout a")))
        .click();
    wait.until(ExpectedConditions.urlContains("/login?logout"));
    assertThat(browser.findElement(By.cssSelector(".notice")).getText()).isEqualTo("已退出登录。");

    browser.get(url("/camunda/app/tasklist/default/"));
    wait.until(ExpectedConditions.urlContains("/login"));
    assertThat(browser.findElements(By.id("password"))).hasSize(1);
  }

  @Test
  void theLinkOfAReminderOpensItsTaskAfterSigningIn() throws Exception {
    Task task = engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(UnitRectificationProcess.businessKey(DemoRound.key("3.1"), "street-chengguan")).singleResult();

    browser.get(url("/camunda/app/tasklist/default/#/?task=" + task.getId()));
    wait.until(ExpectedConditions.urlContains("/login"));
    signIn("sec-chengguan", "demo");

    wait.until(ExpectedConditions.urlContains("task=" + task.getId()));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".task-details"), "街道党工委统筹协调弱"));
    screenshot("task-from-link");
  }

  @Test
  void aScriptTypedIntoAPlanIsShownAsTextToTheSupervisor() throws Exception {
    String script = "<script>alert('x')</script><img src=x onerror=\"alert(1)\">";
    Task draft = engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(UnitRectificationProcess.businessKey(DemoRound.key("2.2"), "street-chengguan")).singleResult();
    Map<String, Object> plan = CaseDriver.plan("street-chengguan");
    plan.put(UnitRectificationProcess.PLAN_MEASURES, script);
    new CaseDriver(engine).completeAs("sec-chengguan", draft, plan);
    Task review = engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(UnitRectificationProcess.businessKey(DemoRound.key("2.2"), "street-chengguan")).singleResult();

    browser.get(url("/login"));
    signIn("sup-orgdept", "demo");
    wait.until(ExpectedConditions.urlContains("/camunda/app/tasklist/"));
    browser.get(url("/camunda/app/tasklist/default/#/?task=" + review.getId()));
    WebElement measures = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("textarea[id$='Field_PlanMeasures']")));
    wait.until(driver -> script.equals(measures.getDomProperty("value")));
    screenshot("script-as-text");

    assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
  }

  @Test
  void theWelcomePageLinksToSupervisionOnlyForThoseWhoMayOpenIt() throws Exception {
    By supervisionLink = By.cssSelector("a[href='/supervision/']");
    browser.get(url("/camunda/app/welcome/default/"));
    signIn("sup-orgdept", "demo");
    wait.until(ExpectedConditions.urlContains("/camunda/app/welcome/"));
    WebElement link = wait.until(ExpectedConditions.visibilityOfElementLocated(supervisionLink));
    assertThat(link.getText()).contains("整改督办");
    screenshot("welcome-supervisor");

    browser.manage().deleteAllCookies();
    browser.get(url("/camunda/app/welcome/default/"));
    signIn("sec-chengguan", "demo");
    wait.until(ExpectedConditions.urlContains("/camunda/app/welcome/"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "整改待办（Tasklist）"));
    wait.until(ExpectedConditions.invisibilityOfElementLocated(supervisionLink));
    screenshot("welcome-secretary");
  }

  private void signIn(String user, String password) {
    Browser.signIn(browser, user, password);
  }
}
