package cn.zhenggai.rectification.casework;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.BrowserApplicationTest;
import cn.zhenggai.rectification.DemoRound;
import cn.zhenggai.rectification.problem.Problem;
import cn.zhenggai.rectification.vocabulary.RectificationCaseProcess;
import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A problem imported from a speech is shown in the task forms as the text it is: Markdown and HTML in its title,
 * category or source are neither followed nor dropped, and nothing in them runs. Screenshots under
 * {@code target/screenshots/}.
 */
class FormTextEscapingBrowserIT extends BrowserApplicationTest {

  static final String UNIT = "street-chengguan";
  static final String TITLE = "标题[点此](http://example.org/x)**加粗**<b>粗</b>";
  static final String CATEGORY = "# 标题";
  static final String SOURCE = "原文<script>alert(1)</script><img src=x onerror=alert(2)>[链接](http://example.org)";
  static final String SECOND_LINE = "原文第二行 &lt; 1. 不是列表";
  static final String HEADER = "问题 2022-SZPY/97.1　" + TITLE;
  /** The labels of the problem's header and source, the only bold text there. */
  static final List<String> LABELS = List.of("问题类别：", "责任单位：", "整改时限：", "原文表述：");
  static final By FORM = By.cssSelector(".task-details .fjs-container");
  /** The form's texts (not its fields, nor form-js's own "powered by" link). */
  static final String SHOWN_TEXT = ":is(.fjs-form-field-html, .fjs-form-field-text)";

  @Autowired ProcessEngine engine;
  @Autowired CaseStarter cases;
  TasklistPage tasklist;

  @BeforeEach
  void openTasklist() {
    tasklist = new TasklistPage(browser, wait, url("/camunda/app/tasklist/default/"));
  }

  @Test
  void markdownAndHtmlInAProblemAreShownAsTheyWereWrittenAndThePlanIsSubmitted() throws Exception {
    cases.startIfNew(DemoRound.opening(new Problem("97.1", CATEGORY, TITLE, SOURCE + "\n" + SECOND_LINE, List.of("逐条核实"),
        List.of(UNIT), List.of("org-dept"), LocalDate.of(2027, 6, 30))));
    Task draft = new CaseDriver(engine).unitTask("97.1", UNIT);
    tasklist.signIn("sec-chengguan");
    tasklist.openByLink(draft.getId(), draft.getName());
    assertShownAsWritten(problemShown(HEADER));
    screenshot("1-problem-shown-as-written");

    tasklist.claim();
    tasklist.type("textarea[id$='Field_PlanMeasures']", "一、逐条核实讲话原文中的问题。");
    tasklist.type("input[id$='Field_PlanResponsiblePerson']", "李卫东");
    tasklist.typeDate("input[id*='Field_PlanTargetDate']", "2027-03-31");
    tasklist.complete(draft.getName());
    assertNoAlert();
    tasklist.signOut();

    Task review = new CaseDriver(engine).unitTask("97.1", UNIT);
    assertThat(review.getTaskDefinitionKey()).as("the server took the plan").isEqualTo("Task_ReviewPlan");
    assertThat(engine.getRuntimeService().getVariable(review.getProcessInstanceId(), RectificationCaseProcess.PROBLEM_TITLE))
        .as("the title as imported").isEqualTo(TITLE);
    tasklist.signIn("sup-orgdept");
    tasklist.openByLink(review.getId(), review.getName());
    assertShownAsWritten(problemShown(HEADER));
    screenshot("2-review-shows-it-as-written");
  }

  @Test
  void anOrdinaryProblemReadsAsBefore() throws Exception {
    Task draft = new CaseDriver(engine).unitTask("1.1", UNIT);
    tasklist.signIn("sec-chengguan");
    tasklist.openByLink(draft.getId(), draft.getName());
    WebElement form = problemShown("问题 2022-SZPY/1.1　理论学习不深入、领会不透彻、贯彻不有力");

    assertThat(form.getText()).contains("问题类别： 理论学习存在差距", "责任单位： 城关街道党工委", "整改时限： 2027-06-30",
        "有的基层党组织对习近平新时代中国特色社会主义思想学习不够深入、领会不够透彻、贯彻不够有力，在武装头脑、指导实践、推动工作上还有较大差距。");
    assertThat(form.findElements(By.cssSelector(SHOWN_TEXT + " strong")).stream().map(WebElement::getText).toList())
        .containsExactlyElementsOf(LABELS);
    screenshot("3-ordinary-problem-as-before");
    assertNoAlert();
  }

  /** The problem's values as literal text, with no link, image, emphasis or heading made of them, and nothing run. */
  private void assertShownAsWritten(WebElement form) {
    assertThat(form.getText()).contains(HEADER, "问题类别： " + CATEGORY, "责任单位： 城关街道党工委", "整改时限： 2027-06-30",
        SOURCE + "\n" + SECOND_LINE);
    assertThat(browser.findElements(By.cssSelector("a[href*='example.org']"))).as("links from the values, anywhere").isEmpty();
    assertThat(browser.findElements(By.cssSelector("img[src='x'], img[src$='/x']"))).as("images from the values").isEmpty();
    assertThat(form.findElements(By.cssSelector(SHOWN_TEXT + " :is(a, b, em, h1, h2, script, img)")))
        .as("markup from the values").isEmpty();
    assertThat(form.findElements(By.cssSelector(SHOWN_TEXT + " strong")).stream().map(WebElement::getText).toList())
        .as("bold only for the labels").containsExactlyElementsOf(LABELS);
    assertThat(form.findElements(By.cssSelector(SHOWN_TEXT + " h3")).stream().map(WebElement::getText).toList())
        .containsExactly(HEADER);
    assertNoAlert();
  }

  /** The task's form, once its header shows {@code header}. */
  private WebElement problemShown(String header) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".task-details .fjs-container h3"), header));
    return browser.findElement(FORM);
  }

  private void assertNoAlert() {
    try {
      String text = browser.switchTo().alert().getText();
      throw new AssertionError("a script from a problem's text ran: alert(" + text + ")");
    } catch (NoAlertPresentException expected) {
      // nothing ran
    }
  }
}
