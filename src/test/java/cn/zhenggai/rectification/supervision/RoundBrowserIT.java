package cn.zhenggai.rectification.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.Browser;
import cn.zhenggai.rectification.BrowserApplicationTest;
import cn.zhenggai.rectification.organization.TasklistFilters;
import cn.zhenggai.rectification.rounds.DraftProblem;
import cn.zhenggai.rectification.rounds.Rounds;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The organization department's round from start to Tasklist, in a Chinese browser: a new round, a Word file of the
 * speech uploaded, the sentence of a problem found in the text, a unit ticked for the problem the importer could not
 * assign, published; then a street secretary finds the new tasks in Tasklist, named with the round. Screenshots under
 * {@code target/screenshots/}.
 */
class RoundBrowserIT extends BrowserApplicationTest {

  static final String NAME = "2024年度巡察反馈意见整改";
  static final String CODE = "2024-XCFK";
  static final String NBSP = "\u00a0\u00a0\u00a0\u00a0";
  static final List<String> SPEECH = List.of(
      "在全县2024年度巡察反馈意见整改工作会议上的讲话",
      "同志们：",
      NBSP + "去年以来，各单位认真抓好巡察整改，取得了明显成效。",
      NBSP + "同时也要看到，对照巡察反馈意见，还存在一些差距和不足：一是理论学习不够深入。有的基层党组织学习流于形式，学用脱节。"
          + "二是档案管理不够规范。会议记录不完整，资料归档不及时。",
      NBSP + "下一步，一要加强理论学习，建立学习制度。二要规范档案管理，做到资料及时归档。");

  @Autowired Rounds rounds;

  @Test
  void theOrganizationDepartmentImportsAWordFileMendsAProblemAndPublishesAndASecretarySeesTheTasks() throws Exception {
    browser.get(url("/supervision/rounds"));
    wait.until(ExpectedConditions.urlContains("/login"));
    Browser.signIn(browser, "sup-orgdept", "demo");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("new-round")));
    assertThat(browser.findElement(By.id("rounds")).getText()).contains("2022年度抓基层党建工作述职评议", "整改中");

    browser.findElement(By.name("name")).sendKeys(NAME);
    new Select(browser.findElement(By.name("kind"))).selectByVisibleText("巡察反馈");
    setDate("heldOn", "2024-05-10");
    setDate("defaultDeadline", "2025-06-30");
    browser.findElement(By.name("code")).sendKeys(CODE);
    screenshot("1-new-round");
    browser.findElement(By.cssSelector("#new-round button[type='submit']")).click();
    wait.until(ExpectedConditions.urlContains("/supervision/rounds/" + CODE));
    assertThat(browser.findElement(By.id("round-status")).getText()).isEqualTo("草稿");

    browser.findElement(By.cssSelector("#import-form input[type='file']")).sendKeys(wordFile().toString());
    browser.findElement(By.cssSelector("#import-form button[type='submit']")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "已导入巡察整改讲话.docx：拟出 2 个问题"));
    assertThat(browser.findElement(By.id("import-notices")).getText()).contains("问题 2.1 没有匹配到责任单位，请指定。");
    assertThat(browser.findElement(By.id("source-name")).getText()).isEqualTo("巡察整改讲话.docx");
    WebElement faulty = browser.findElement(By.cssSelector("fieldset[data-problem='2.1']"));
    assertThat(faulty.getText()).contains("缺少字段 units（责任单位）");

    faulty.findElement(By.cssSelector("button.show-source")).click();
    WebElement sentence = browser.findElement(By.cssSelector("#speech mark[data-problem='2.1']"));
    wait.until(ExpectedConditions.attributeContains(sentence, "class", "active"));
    assertThat(sentence.getText()).isEqualTo("会议记录不完整，资料归档不及时。");
    screenshot("2-imported-sentence-found");

    WebElement chengguan = faulty.findElement(By.cssSelector(".units input[value='street-chengguan']"));
    browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", chengguan);
    chengguan.click();
    browser.findElement(By.cssSelector("#draft .toolbar button[value='save']")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "已保存，问题清单可以发布。"));
    assertThat(browser.findElements(By.cssSelector("fieldset.faulty"))).isEmpty();
    assertThat(rounds.problems(CODE)).extracting(DraftProblem::units)
        .containsExactly(List.of("street-chengguan", "street-dongcheng", "street-xicheng", "organs", "education"),
            List.of("street-chengguan"));
    screenshot("3-unit-ticked");

    browser.findElement(By.id("publish-link")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("publish-counts"), "发布后立案 2 个问题，共 6 项单位整改"));
    screenshot("4-publish-confirmation");
    browser.findElement(By.id("publish-confirm")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "已发布：立案 2 个问题"));
    assertThat(browser.findElement(By.id("round-status")).getText()).isEqualTo("整改中");
    screenshot("5-published");
    browser.findElement(By.cssSelector(".nav .logout button")).click();
    wait.until(ExpectedConditions.urlContains("/login?logout"));

    browser.get(url("/camunda/app/tasklist/default/"));
    wait.until(ExpectedConditions.urlContains("/login"));
    Browser.signIn(browser, "sec-chengguan", "demo");
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//*[contains(@class,'task-filters')]//*[normalize-space(text())='" + TasklistFilters.UNIT + "']"))).click();
    By names = By.cssSelector(".tasks-list li.task h4.task");
    wait.until(ExpectedConditions.numberOfElementsToBe(names, 11));
    List<String> listed = browser.findElements(names).stream().map(name -> name.getText().trim()).toList();
    assertThat(listed).contains(
        "制定整改方案 · " + NAME + " 1.1 基层党组织学习流于形式 · 城关街道党工委",
        "制定整改方案 · " + NAME + " 2.1 会议记录不完整 · 城关街道党工委");
    screenshot("6-secretary-tasklist");
  }

  private void setDate(String name, String date) {
    browser.executeScript("arguments[0].value = arguments[1]", browser.findElement(By.name(name)), date);
  }

  /** The speech as a Word file, one paragraph per line, as the department receives it. */
  private static Path wordFile() throws Exception {
    Path file = Files.createTempDirectory("round-browser").resolve("巡察整改讲话.docx");
    try (XWPFDocument document = new XWPFDocument(); OutputStream out = Files.newOutputStream(file)) {
      SPEECH.forEach(line -> document.createParagraph().createRun().setText(line));
      document.write(out);
    }
    return file;
  }
}
