package cn.zhenggai.rectification.casework;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.BrowserApplicationTest;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 延期申请 in Tasklist: sec-chengguan asks for more time on her plan of 1.1 in the panel above the form (a request
 * without a reason is refused with the server's message), the panel says it waits; sup-orgdept approves it on his
 * review task; sec-chengguan's Tasklist shows the new due date. In the casework package beside
 * {@link EvidenceBrowserIT}, whose Tasklist page object it shares. Screenshots under {@code target/screenshots/}.
 */
class ExtensionBrowserIT extends BrowserApplicationTest {

  static final String UNIT = "street-chengguan";
  static final String PANEL = ".task-details .zhenggai-extension";
  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  @Autowired ProcessEngine engine;
  TasklistPage tasklist;

  @BeforeEach
  void openTasklist() {
    tasklist = new TasklistPage(browser, wait, url("/camunda/app/tasklist/default/"));
  }

  @Test
  void aSecretaryAsksForMoreTimeAndTheSupervisorApprovesIt() throws Exception {
    CaseDriver cases = new CaseDriver(engine);
    Task plan = cases.unitTask("1.1", UNIT);
    LocalDate due = LocalDate.ofInstant(plan.getDueDate().toInstant(), BEIJING);
    // ≈ 20 days from now: Tasklist (moment.js) says "N天后" under 26 days only, "1个月后" from there
    LocalDate until = due.plusDays(5);

    tasklist.signIn("sec-chengguan");
    tasklist.openByLink(plan.getId(), plan.getName());
    WebElement panel = panelOf(plan);
    assertThat(panel.getText()).contains("截止日期：", due.toString(), "已申请延期 0/2 次");
    click(PANEL + " .zhenggai-extension-open");
    WebElement date = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(PANEL + " .zhenggai-extension-until")));
    assertThat(date.getDomProperty("max")).isEqualTo(due.plusDays(30).toString());
    browser.executeScript("arguments[0].value = arguments[1]", date, until.toString());
    click(PANEL + " .zhenggai-extension-submit");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(PANEL + " .zhenggai-extension-refused"),
        "请写明申请延期的理由"));
    screenshot("1-refused-without-reason");
    browser.findElement(By.cssSelector(PANEL + " .zhenggai-extension-reason")).sendKeys("需要先征求群众意见，再定整改措施");
    click(PANEL + " .zhenggai-extension-submit");
    WebElement pending = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(PANEL + " .zhenggai-extension-pending")));
    assertThat(pending.getText()).contains("已申请延期至 " + until, "等待督办单位审批");
    assertThat(browser.findElements(By.cssSelector(PANEL + " .zhenggai-extension-open"))).as("one request at a time").isEmpty();
    screenshot("2-request-waiting");
    tasklist.signOut();

    Task review = engine.getTaskService().createTaskQuery().processInstanceId(plan.getProcessInstanceId())
        .taskDefinitionKey(UnitRectificationProcess.TASK_REVIEW_EXTENSION).singleResult();
    tasklist.signIn("sup-orgdept");
    tasklist.openByLink(review.getId(), review.getName());
    WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".task-details .fjs-container")));
    wait.until(driver -> form.getText().contains("需要先征求群众意见"));
    assertThat(form.getText()).contains("制定整改方案", due.toString(), until.toString(), "本项第 1 次申请");
    assertThat(browser.findElements(By.cssSelector(PANEL))).as("no request on the supervisors' own task").isEmpty();
    tasklist.claim();
    tasklist.field("input[id$='Field_ExtensionApproved']").click();
    screenshot("3-review-approving");
    tasklist.complete(review.getName());
    tasklist.signOut();

    assertThat(LocalDate.ofInstant(cases.unitTask("1.1", UNIT).getDueDate().toInstant(), BEIJING)).isEqualTo(until);
    tasklist.signIn("sec-chengguan");
    tasklist.openByLink(plan.getId(), plan.getName());
    WebElement after = panelOf(plan);
    wait.until(driver -> after.getText().contains("批准延期至 " + until));
    assertThat(after.findElement(By.cssSelector(".zhenggai-extension-current")).getText()).isEqualTo(until.toString());
    assertThat(after.getText()).contains("原定 " + due, "已申请延期 1/2 次",
        "李卫东（城关街道党工委书记）申请延期至 " + until, "赵明远（县委组织部组织科科长）批准延期至 " + until)
        .as("people by their names").doesNotContain("sec-chengguan", "sup-orgdept");
    // Tasklist itself says the due date as the days from now ("20天后"), rounded as it rounds them
    long days = Math.round(Duration.between(Instant.now(), until.atTime(23, 59, 59).atZone(BEIJING).toInstant())
        .toMinutes() / 1440.0);
    assertThat(browser.findElement(By.cssSelector(".task-details [cam-tasklist-task-meta]")).getText())
        .as("Tasklist's own due date").contains(days + "天后");
    WebElement note = tasklist.field("textarea[id$='Field_DeadlineNote']");
    assertThat(note.getDomProperty("value")).contains("原定", due.toString(), "经批准延期至 " + until);
    screenshot("4-new-due-date");
  }

  private WebElement panelOf(Task task) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(PANEL + "[data-task='" + task.getId() + "']")));
  }

  private void click(String css) {
    WebElement button = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    tasklist.scrollTo(button);
    wait.until(ExpectedConditions.elementToBeClickable(button)).click();
  }
}
