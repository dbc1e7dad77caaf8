package cn.zhenggai.rectification.casework;

import static cn.zhenggai.rectification.casework.TasklistPage.DATE_HINT;
import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.BrowserApplicationTest;
import cn.zhenggai.rectification.vocabulary.UnitRectificationProcess;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A secretary's day in Tasklist, in a Chinese browser: the plan for 1.1 drafted, returned by the organization
 * department with a reason, redrafted after reading it, approved; a submission refused by the form and one refused by
 * the server, each saying why; a supervisor moving a due date and a secretary setting a follow-up date; what each person
 * is offered. Each test works on its own problem. Screenshots of each step under {@code target/screenshots/}.
 */
class SecretaryDayBrowserIT extends BrowserApplicationTest {

  static final String DRAFT = "制定整改方案 · 1.1 理论学习不深入、领会不透彻、贯彻不有力 · 城关街道党工委";
  static final String REVIEW = "审核整改方案 · 1.1 理论学习不深入、领会不透彻、贯彻不有力 · 城关街道党工委";
  static final String REASON = "措施没有写明时间节点，请逐条补充完成时间后重新提交。";
  static final String UNIT = "street-chengguan";
  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  /** Tasklist's own English words, none of which a Chinese user should meet. */
  static final List<String> ENGLISH = List.of("Claim", "Complete", "Created", "Due date", "Follow-up date", "Filters");

  @Autowired ProcessEngine engine;
  TasklistPage tasklist;

  @BeforeEach
  void openTasklist() {
    tasklist = new TasklistPage(browser, wait, url("/camunda/app/tasklist/default/"));
  }

  @Test
  void aPlanIsDraftedReturnedWithAReasonRedraftedAndApproved() throws Exception {
    tasklist.signIn("sec-chengguan");
    tasklist.openFromUnitFilter(DRAFT);
    assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain(ENGLISH);
    screenshot("1-draft-opened");

    tasklist.claim();
    String refusal = tasklist.refusedCompletion("计划完成日期");
    assertThat(refusal).contains("未能办理完成", "整改措施：此项为必填项。", "责任人：此项为必填项。", "计划完成日期：此项为必填项。");
    assertThat(tasklist.completeButtonIsUncovered()).as("the message leaves 办理完成 clear").isTrue();
    screenshot("1a-refused-fields-named");
    tasklist.field("textarea[id$='Field_PlanMeasures']").sendKeys("一", Keys.BACK_SPACE);
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".fjs-form-field-error"), "此项为必填项。"));
    tasklist.type("textarea[id$='Field_PlanMeasures']", "一、制定年度理论学习计划；二、书记讲专题党课。");
    tasklist.type("input[id$='Field_PlanResponsiblePerson']", "李卫东");
    WebElement date = tasklist.typeDate("input[id*='Field_PlanTargetDate']", "2027-03-31");
    assertThat(date.getDomProperty("value")).isEqualTo("2027-03-31");
    WebElement calendar = tasklist.openFormCalendar();
    assertThat(calendar.getText()).contains("三月", "一", "日").doesNotContain("March", "Mon");
    screenshot("2-draft-filled");
    calendar.sendKeys(Keys.ESCAPE);
    wait.until(ExpectedConditions.invisibilityOf(calendar));
    tasklist.complete(DRAFT); // the same button, once the fields are mended
    tasklist.signOut();

    tasklist.signIn("sup-orgdept");
    tasklist.openFromUnitFilter(REVIEW);
    tasklist.claim();
    WebElement measures = browser.findElement(By.cssSelector("textarea[id$='Field_PlanMeasures']"));
    assertThat(measures.getDomProperty("value")).isEqualTo("一、制定年度理论学习计划；二、书记讲专题党课。");
    assertThat(browser.findElement(By.cssSelector("input[id*='Field_PlanTargetDate']")).getDomProperty("value"))
        .as("the date as the secretary wrote it").isEqualTo("2027-03-31");
    tasklist.type("textarea[id$='Field_ReviewComment']", REASON);
    screenshot("3-returned-with-reason");
    tasklist.complete(REVIEW);
    tasklist.signOut();

    Task returned = new CaseDriver(engine).unitTask("1.1", UNIT);
    // the engine reads its clock once for the due date and once more for the creation time, a millisecond or so apart
    // (UnitRectificationProcessTest checks the period exactly, with the clock stopped)
    assertThat(Duration.between(returned.getCreateTime().toInstant(), returned.getDueDate().toInstant()))
        .as("a returned plan is redrafted within redraft-plan").isBetween(Duration.ofDays(5), Duration.ofDays(5).plusSeconds(1));
    tasklist.signIn("sec-chengguan");
    tasklist.showUnitFilter();
    List<String> listed = tasklist.listedTaskNames(unitTasks().size());
    assertThat(listed.get(0)).as("the returned plan, due soonest, comes first").isEqualTo(DRAFT);
    assertThat(dueDatesOf(listed)).as("soonest due first").isSortedAccordingTo(Comparator.naturalOrder());
    screenshot("4-returned-plan-first");
    tasklist.openFromUnitFilter(DRAFT);
    tasklist.openTab("办理历史");
    assertThat(tasklist.history("退回理由：" + REASON)).doesNotContain("暂无办理历史");
    screenshot("4a-history-tab-shows-reason");
    tasklist.openTab("表单");
    tasklist.claim();
    WebElement reason = browser.findElement(By.cssSelector("textarea[id$='Field_ReturnReason']"));
    assertThat(reason.getDomProperty("value")).isEqualTo(REASON);
    WebElement history = browser.findElement(By.cssSelector("textarea[id$='Field_CaseHistory']"));
    WebElement redraftDate = browser.findElement(By.cssSelector("input[id*='Field_PlanTargetDate']"));
    assertThat(redraftDate.getDomProperty("value")).isEqualTo("2027-03-31");
    assertThat(history.getDomProperty("value")).as("the form's history writes the date as the field does")
        .contains("计划完成日期：2027-03-31");
    tasklist.scrollTo(reason);
    screenshot("4b-reason-shown");
    WebElement redraft = browser.findElement(By.cssSelector("textarea[id$='Field_PlanMeasures']"));
    redraft.clear();
    redraft.sendKeys("一、2027年1月底前制定年度理论学习计划；二、2027年3月底前书记讲专题党课。");
    tasklist.complete(DRAFT);
    tasklist.signOut();

    tasklist.signIn("sup-orgdept");
    tasklist.openFromUnitFilter(REVIEW);
    tasklist.claim();
    tasklist.field("input[id$='Field_PlanApproved']").click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("textarea[id$='Field_ReviewComment']")));
    screenshot("5-approved");
    tasklist.complete(REVIEW);

    Task next = new CaseDriver(engine).unitTask("1.1", UNIT);
    assertThat(next.getName()).isEqualTo("落实整改并报送完成情况 · 1.1 理论学习不深入、领会不透彻、贯彻不有力 · 城关街道党工委");
    assertThat(engine.getRuntimeService().getVariable(next.getExecutionId(), UnitRectificationProcess.PLAN_MEASURES))
        .isEqualTo("一、2027年1月底前制定年度理论学习计划；二、2027年3月底前书记讲专题党课。");
    assertThat(engine.getRuntimeService().getVariable(next.getExecutionId(), UnitRectificationProcess.PLAN_TARGET_DATE))
        .asString().startsWith("2027-03-31");
  }

  @Test
  void aRefusalByTheServerSaysWhyAndADatePickedFromTheCalendarIsSent() throws Exception {
    String draft = new CaseDriver(engine).unitTask("2.1", UNIT).getName();
    LocalDate yesterday = LocalDate.now(BEIJING).minusDays(1);
    tasklist.signIn("sec-chengguan");
    tasklist.openFromUnitFilter(draft);
    tasklist.claim();
    tasklist.type("textarea[id$='Field_PlanMeasures']", "一、建立联系服务群众台账。");
    tasklist.type("input[id$='Field_PlanResponsiblePerson']", "李卫东");
    tasklist.typeDate("input[id*='Field_PlanTargetDate']", yesterday.toString());

    assertThat(tasklist.refusedCompletion("计划完成日期")).contains("未能办理完成", yesterday.toString());
    assertThat(tasklist.completeButtonIsUncovered()).as("the message leaves 办理完成 clear").isTrue();
    screenshot("6-refused-by-the-server");
    WebElement calendar = tasklist.openFormCalendar(); // opens on yesterday's month
    tasklist.pickFifteenthOfNextMonth(calendar);
    LocalDate picked = yesterday.withDayOfMonth(1).plusMonths(1).withDayOfMonth(15);
    assertThat(browser.findElement(By.cssSelector("input[id*='Field_PlanTargetDate']")).getDomProperty("value"))
        .isEqualTo(picked.toString());
    screenshot("6a-date-picked");
    tasklist.complete(draft);

    Task review = new CaseDriver(engine).unitTask("2.1", UNIT);
    assertThat(engine.getRuntimeService().getVariable(review.getExecutionId(), UnitRectificationProcess.PLAN_TARGET_DATE))
        .asString().startsWith(picked.toString());
  }

  @Test
  void aSupervisorMovesADueDateButCannotClearItAndASecretarySetsAFollowUpDate() throws Exception {
    Task draft = new CaseDriver(engine).unitTask("3.2", UNIT);
    LocalDate due = LocalDate.ofInstant(draft.getDueDate().toInstant(), BEIJING);
    tasklist.signIn("sup-orgdept");
    tasklist.openByLink(draft.getId(), draft.getName());
    WebElement calendar = tasklist.openDateAboveForm("due-date");
    assertThat(calendar.getText()).contains(due.getYear() + "年" + due.getMonthValue() + "月", "一", "日")
        .doesNotContain("Mon", "December", "January");
    screenshot("7-due-date-calendar");
    tasklist.saveFifteenthOfNextMonthAboveForm();
    LocalDate moved = due.withDayOfMonth(1).plusMonths(1).withDayOfMonth(15);
    wait.until(driver -> moved.equals(dateOf(task(draft.getId()).getDueDate())));

    tasklist.clearDueDate();
    assertThat(tasklist.message("截止日期不能清除，只能改为另一天")).contains("未能保存待办");
    screenshot("7a-due-date-not-cleared");
    assertThat(dateOf(task(draft.getId()).getDueDate())).isEqualTo(moved);
    tasklist.signOut();

    tasklist.signIn("sec-chengguan");
    tasklist.openFromUnitFilter(draft.getName());
    tasklist.openDateAboveForm("followup-date");
    tasklist.saveFifteenthOfNextMonthAboveForm();
    LocalDate followUp = LocalDate.now(BEIJING).withDayOfMonth(1).plusMonths(1).withDayOfMonth(15);
    wait.until(driver -> followUp.equals(dateOf(task(draft.getId()).getFollowUpDate())));
    screenshot("8-follow-up-date-set");
    assertThat(dateOf(task(draft.getId()).getDueDate())).as("the due date stays as the supervisor set it").isEqualTo(moved);
  }

  @Test
  void eachPersonIsOfferedWhatTheyMayDoAndKeepsTheirOwnSorting() throws Exception {
    tasklist.signIn("sec-chengguan");
    assertThat(tasklist.offers("start-process-action")).as("发起流程").isFalse();
    assertThat(tasklist.offers("create-task-action")).as("新建待办").isFalse();
    assertThat(browser.findElement(By.cssSelector("[cam-widget-header]")).getText()).doesNotContain("发起流程", "新建待办");
    assertThat(sorting()).as("first visit").isEqualTo("[{\"sortBy\":\"dueDate\",\"sortOrder\":\"asc\"}]");
    tasklist.showUnitFilter();
    assertThat(dueDatesOf(tasklist.listedTaskNames(unitTasks().size()))).as("soonest due first")
        .isSortedAccordingTo(Comparator.naturalOrder());
    screenshot("9-secretary-offered-nothing-to-start");

    tasklist.reverseSorting();
    wait.until(driver -> sorting().contains("\"desc\""));
    tasklist.reopen();
    assertThat(sorting()).as("the person's own choice, on coming back").isEqualTo("[{\"sortBy\":\"dueDate\",\"sortOrder\":\"desc\"}]");
    tasklist.showUnitFilter();
    List<String> listed = tasklist.listedTaskNames(unitTasks().size());
    assertThat(dueDatesOf(listed)).as("latest due first, as chosen").isSortedAccordingTo(Comparator.reverseOrder());
    tasklist.signOut();

    tasklist.signIn("admin");
    assertThat(tasklist.offers("create-task-action")).as("新建待办 for whoever may create tasks").isTrue();
    assertThat(tasklist.offers("start-process-action")).as("发起流程: no process is started from Tasklist").isFalse();
    assertThat(sorting()).as("another person in the same browser").contains("\"asc\"");
    screenshot("9a-administrator-offered-new-task");
  }

  /** The task list's sorting, as Tasklist keeps it in the address. */
  private String sorting() {
    String address = URLDecoder.decode(browser.getCurrentUrl(), StandardCharsets.UTF_8);
    int start = address.indexOf("sorting=");
    assertThat(start).as(address).isPositive();
    int end = address.indexOf('&', start);
    return address.substring(start + "sorting=".length(), end < 0 ? address.length() : end);
  }

  private List<Task> unitTasks() {
    return engine.getTaskService().createTaskQuery().taskCandidateGroup(UNIT).includeAssignedTasks().list();
  }

  /** The due dates of the unit's tasks, in the order of their names. */
  private List<Date> dueDatesOf(List<String> names) {
    Map<String, Date> due = unitTasks().stream().collect(Collectors.toMap(Task::getName, Task::getDueDate));
    return names.stream().map(due::get).map(Objects::requireNonNull).toList();
  }

  private Task task(String id) {
    return engine.getTaskService().createTaskQuery().taskId(id).singleResult();
  }

  private static LocalDate dateOf(Date date) {
    return date == null ? null : LocalDate.ofInstant(date.toInstant(), BEIJING);
  }
}
