package cn.zhenggai.rectification.casework;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.Browser;
import cn.zhenggai.rectification.organization.TasklistFilters;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What a person does in Camunda Tasklist, as the browser tests of a secretary's day click it. */
final class TasklistPage {

  static final String COMPLETE = "办理完成";
  /** The hint of every date field in the task forms. */
  static final String DATE_HINT = "年-月-日，如 2027-06-30";

  private static final By COMPLETE_BUTTON = By.xpath("//button[contains(.,'" + COMPLETE + "')]");
  private static final By MESSAGES = By.cssSelector(".page-notifications");
  private static final By EVIDENCE_LOADING = By.cssSelector(".task-details [zhenggai-evidence][aria-busy='true']");

  private final ChromeDriver browser;
  private final WebDriverWait wait;
  private final String tasklist;

  TasklistPage(ChromeDriver browser, WebDriverWait wait, String tasklistUrl) {
    this.browser = browser;
    this.wait = wait;
    this.tasklist = tasklistUrl;
  }

  void signIn(String user) {
    browser.get(tasklist);
    wait.until(ExpectedConditions.urlContains("/login"));
    Browser.signIn(browser, user, "demo");
    wait.until(ExpectedConditions.urlContains("/camunda/app/tasklist/"));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".task-filters")));
  }

  void signOut() {
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("li.account a.dropdown-toggle"))).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("li.account li.logout a"))).click();
    wait.until(ExpectedConditions.urlContains("/login?logout"));
  }

  /** Opens Tasklist's start page anew, as a bookmark or a link in a mail does. */
  void reopen() {
    browser.get(tasklist);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".tasks-list")));
  }

  void showUnitFilter() {
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//*[contains(@class,'task-filters')]//*[normalize-space(text())='" + TasklistFilters.UNIT + "']"))).click();
  }

  void openFromUnitFilter(String taskName) {
    showUnitFilter();
    WebElement task = wait.until(ExpectedConditions.presenceOfElementLocated(listed(taskName)));
    scrollTo(task);
    wait.until(ExpectedConditions.elementToBeClickable(task)).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".task-details"), taskName));
  }

  /** Opens a task by its link, as the supervision pages and the mails link to it. */
  void openByLink(String taskId, String taskName) {
    browser.get(tasklist + "#/?task=" + taskId);
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".task-details"), taskName));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[cam-tasklist-task-meta]")));
  }

  /** The names of the tasks in the list, top to bottom, once the list shows {@code expected} of them. */
  List<String> listedTaskNames(int expected) {
    By names = By.cssSelector(".tasks-list li.task h4.task");
    wait.until(ExpectedConditions.numberOfElementsToBe(names, expected));
    return browser.findElements(names).stream().map(name -> name.getText().trim()).toList();
  }

  void claim() {
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[self::a or self::button][normalize-space(.)='认领']")))
        .click();
    wait.until(ExpectedConditions.elementToBeClickable(COMPLETE_BUTTON));
  }

  /** A form field, scrolled to the middle of the form so nothing covers it. */
  WebElement field(String css) {
    WebElement field = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    scrollTo(field);
    return wait.until(ExpectedConditions.elementToBeClickable(field));
  }

  void type(String css, String text) {
    WebElement field = field(css);
    field.clear();
    field.sendKeys(text);
  }

  /** Types a date as the field's hint asks for it (yyyy-MM-dd) and leaves the field. */
  WebElement typeDate(String css, String date) {
    WebElement field = field(css);
    assertThat(field.getDomAttribute("placeholder")).as("date hint").isEqualTo(DATE_HINT);
    field.sendKeys(date, Keys.TAB);
    return field;
  }

  /** Opens the calendar of the form's date field. */
  WebElement openFormCalendar() {
    field(".fjs-form-field-datetime .fjs-input-adornment").click();
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".flatpickr-calendar.open")));
  }

  /** Picks the 15th of the month after the one the form's open calendar shows. */
  void pickFifteenthOfNextMonth(WebElement calendar) {
    calendar.findElement(By.cssSelector(".flatpickr-next-month")).click();
    wait.until(ExpectedConditions.elementToBeClickable(calendar.findElement(By.xpath(
        ".//span[contains(@class,'flatpickr-day') and not(contains(@class,'prevMonthDay'))"
            + " and not(contains(@class,'nextMonthDay')) and normalize-space(.)='15']")))).click();
    wait.until(ExpectedConditions.invisibilityOf(calendar));
  }

  /** Completes the open task and waits until it has left the list. */
  void complete(String taskName) {
    clickComplete();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(listed(taskName)));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".task-details"), "请在列表中选择一项待办"));
  }

  /** Clicks 办理完成 where it is refused; returns Tasklist's message, once it holds {@code expected}. */
  String refusedCompletion(String expected) {
    clickComplete();
    return message(expected);
  }

  /** Tasklist's message (bottom left) once it holds {@code expected}. */
  String message(String expected) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(MESSAGES, expected));
    return browser.findElement(MESSAGES).getText();
  }

  /** Whether a person can see and click 办理完成: nothing lies over the middle of the button. */
  boolean completeButtonIsUncovered() {
    WebElement button = browser.findElement(COMPLETE_BUTTON);
    scrollTo(button);
    return Boolean.TRUE.equals(browser.executeScript(
        "const box = arguments[0].getBoundingClientRect();"
            + "const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);"
            + "return top !== null && arguments[0].contains(top);", button));
  }

  /** Opens a tab of the task (表单, 办理历史, 流程图, 说明). */
  void openTab(String label) {
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//*[contains(@class,'task-details')]//ul[contains(@class,'nav-tabs')]//a[normalize-space(.)='" + label + "']"))).click();
  }

  /** The 办理历史 tab, once it holds {@code expected}. */
  String history(String expected) {
    By days = By.cssSelector(".task-details .day");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(days, expected));
    return browser.findElement(days).getText();
  }

  /** Opens the calendar of the task's due date ({@code due-date}) or follow-up date ({@code followup-date}). */
  WebElement openDateAboveForm(String which) {
    wait.until(ExpectedConditions.elementToBeClickable(
        By.cssSelector("[cam-tasklist-task-meta] ." + which + " .view-value"))).click();
    return wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".cam-widget-inline-field.datepicker .uib-daypicker")));
  }

  /** In the open calendar above the form: the 15th of the next month, and ✔. */
  void saveFifteenthOfNextMonthAboveForm() {
    browser.findElement(By.cssSelector(".cam-widget-inline-field.datepicker button.uib-right")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//*[contains(@class,'uib-daypicker')]//button[span[not(contains(@class,'text-muted')) and normalize-space(.)='15']]")))
        .click();
    browser.findElement(By.xpath("//span[contains(@class,'btn-group')]//button[span[contains(@class,'glyphicon-ok')]]")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".cam-widget-inline-field.datepicker")));
  }

  /** The × beside the due date. */
  void clearDueDate() {
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[cam-tasklist-task-meta] a.reset-due-date"))).click();
  }

  /** Whether 发起流程 and 新建待办 are shown, once Tasklist knows what this person may do. */
  boolean offers(String action) {
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("html.zhenggai-offers-known")));
    return browser.findElement(By.cssSelector("[cam-widget-header] li." + action)).isDisplayed();
  }

  /** Turns the list's sorting around, as a person does with the arrow beside the sorting's name. */
  void reverseSorting() {
    wait.until(ExpectedConditions.elementToBeClickable(
        By.cssSelector("[cam-sorting-choices] li.sorting-choice a.sort-direction"))).click();
  }

  void scrollTo(WebElement element) {
    browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
  }

  private void clickComplete() {
    // the 佐证材料 panel (zhenggai/evidence.js) takes its place above the button once its files are in
    wait.until(ExpectedConditions.numberOfElementsToBe(EVIDENCE_LOADING, 0));
    // Leave the field being typed in first. form-js takes typed text a moment later or when the field is left, and
    // then shows or drops the field's message: left by the click itself, the form's height changes between pressing and
    // releasing the button, and the click is lost (seen on a busy machine).
    browser.executeScript("document.activeElement.blur()");
    WebElement button = browser.findElement(COMPLETE_BUTTON);
    // a message appearing a moment after the scroll can still push the button under the page footer: scroll again
    wait.until(driver -> {
      scrollTo(button);
      if (!button.isDisplayed() || !button.isEnabled()) {
        return false;
      }
      try {
        button.click();
        return true;
      } catch (ElementClickInterceptedException coveredForNow) {
        return false;
      }
    });
  }

  private static By listed(String taskName) {
    return By.xpath("//*[contains(@class,'tasks-list')]//h4[normalize-space(.)='" + taskName + "']");
  }
}
