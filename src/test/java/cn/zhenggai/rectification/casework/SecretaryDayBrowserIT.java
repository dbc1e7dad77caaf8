package cn.zhenggai.rectification.casework;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.Browser;
import cn.zhenggai.rectification.BrowserApplicationTest;
import cn.zhenggai.rectification.organization.TasklistFilters;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A secretary's day in Tasklist, in a Chinese browser: the plan for 1.1 drafted, returned by the organization
 * department with a reason, redrafted after reading it, approved. Screenshots of each step under
 * {@code target/screenshots/}.
 */
class SecretaryDayBrowserIT extends BrowserApplicationTest {

  static final String DRAFT = "制定整改方案 · 1.1 理论学习不深入、领会不透彻、贯彻不有力 · 城关街道党工委";
  static final String REVIEW = "审核整改方案 · 1.1 理论学习不深入、领会不透彻、贯彻不有力 · 城关街道党工委";
  static final String REASON = "措施没有写明时间节点，请逐条补充完成时间后重新提交。";

  /** Tasklist's own English words, none of which a Chinese user should meet. */
  static final List<String> ENGLISH = List.of("Claim", "Complete", "Created", "Due date", "Follow-up date", "Filters");

  @Autowired ProcessEngine engine;

  @Test
  void aPlanIsDraftedReturnedWithAReasonRedraftedAndApproved() throws Exception {
    signIn("sec-chengguan");
    openFromUnitFilter(DRAFT);
    assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain(ENGLISH);
    screenshot("1-draft-opened");

    claim();
    field("textarea[id$='Field_PlanMeasures']").sendKeys("一", Keys.BACK_SPACE);
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".fjs-form-field-error"), "此项为必填项。"));
    type("textarea[id$='Field_PlanMeasures']", "一、制定年度理论学习计划；二、书记讲专题党课。");
    type("input[id$='Field_PlanResponsiblePerson']", "李卫东");
    typeDate("input[id*='Field_PlanTargetDate']", "2027", "03", "31");
    field(".fjs-input-adornment").click(); // the calendar of the date field
    WebElement calendar = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".flatpickr-calendar.open")));
    assertThat(calendar.getText()).contains("三月", "一", "日").doesNotContain("March", "Mon");
    screenshot("2-draft-filled");
    calendar.sendKeys(Keys.ESCAPE);
    wait.until(ExpectedConditions.invisibilityOf(calendar));
    complete(DRAFT);
    signOut();

    signIn("sup-orgdept");
    openFromUnitFilter(REVIEW);
    claim();
    WebElement measures = browser.findElement(By.cssSelector("textarea[id$='Field_PlanMeasures']"));
    assertThat(measures.getDomProperty("value")).isEqualTo("一、制定年度理论学习计划；二、书记讲专题党课。");
    type("textarea[id$='Field_ReviewComment']", REASON);
    screenshot("3-returned-with-reason");
    complete(REVIEW);
    signOut();

    signIn("sec-chengguan");
    openFromUnitFilter(DRAFT);
    claim();
    WebElement reason = browser.findElement(By.cssSelector("textarea[id$='Field_ReturnReason']"));
    assertThat(reason.getDomProperty("value")).isEqualTo(REASON);
    scrollTo(reason);
    screenshot("4-reason-shown");
    WebElement redraft = browser.findElement(By.cssSelector("textarea[id$='Field_PlanMeasures']"));
    redraft.clear();
    redraft.sendKeys("一、2027年1月底前制定年度理论学习计划；二、2027年3月底前书记讲专题党课。");
    complete(DRAFT);
    signOut();

    signIn("sup-orgdept");
    openFromUnitFilter(REVIEW);
    claim();
    field("input[id$='Field_PlanApproved']").click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("textarea[id$='Field_ReviewComment']")));
    screenshot("5-approved");
    complete(REVIEW);

    Task next = new CaseDriver(engine).unitTask("1.1", "street-chengguan");
    assertThat(next.getName()).isEqualTo("落实整改并报送完成情况 · 1.1 理论学习不深入、领会不透彻、贯彻不有力 · 城关街道党工委");
    assertThat(engine.getRuntimeService().getVariable(next.getExecutionId(), UnitRectificationProcess.PLAN_MEASURES))
        .isEqualTo("一、2027年1月底前制定年度理论学习计划；二、2027年3月底前书记讲专题党课。");
    assertThat(engine.getRuntimeService().getVariable(next.getExecutionId(), UnitRectificationProcess.PLAN_TARGET_DATE))
        .asString().startsWith("2027-03-31");
  }

  private void signIn(String user) {
    browser.get(url("/camunda/app/tasklist/default/"));
    wait.until(ExpectedConditions.urlContains("/login"));
    Browser.signIn(browser, user, "demo");
    wait.until(ExpectedConditions.urlContains("/camunda/app/tasklist/"));
  }

  private void signOut() {
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("li.account a.dropdown-toggle"))).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("li.account li.logout a"))).click();
    wait.until(ExpectedConditions.urlContains("/login?logout"));
  }

  private void openFromUnitFilter(String taskName) {
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//*[contains(@class,'task-filters')]//*[normalize-space(text())='" + TasklistFilters.UNIT + "']"))).click();
    WebElement task = wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
        "//*[contains(@class,'tasks-list')]//h4[normalize-space(.)='" + taskName + "']")));
    scrollTo(task); // a returned task comes last
    wait.until(ExpectedConditions.elementToBeClickable(task)).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".task-details"), taskName));
  }

  private void claim() {
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[self::a or self::button][normalize-space(.)='认领']")))
        .click();
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[contains(.,'办理完成')]")));
  }

  /** A form field, scrolled to the middle of the form so nothing covers it. */
  private WebElement field(String css) {
    WebElement field = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    scrollTo(field);
    return wait.until(ExpectedConditions.elementToBeClickable(field));
  }

  private void type(String css, String text) {
    WebElement field = field(css);
    field.clear();
    field.sendKeys(text);
  }

  /** Types the date the way the field asks for it: its placeholder spells the browser's date order. */
  private void typeDate(String css, String year, String month, String day) {
    WebElement field = field(css);
    String pattern = field.getDomAttribute("placeholder");
    assertThat(pattern).as("date placeholder").contains("yyyy").contains("mm").contains("dd");
    field.sendKeys(pattern.replace("yyyy", year).replace("mm", month).replace("dd", day), Keys.TAB);
  }

  /** Completes the open task and waits until it has left the list. */
  private void complete(String taskName) {
    WebElement button = browser.findElement(By.xpath("//button[contains(.,'办理完成')]"));
    scrollTo(button);
    wait.until(ExpectedConditions.elementToBeClickable(button)).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.xpath(
        "//*[contains(@class,'tasks-list')]//h4[normalize-space(.)='" + taskName + "']")));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".task-details"), "请在列表中选择一项待办"));
  }

  private void scrollTo(WebElement element) {
    browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
  }
}
