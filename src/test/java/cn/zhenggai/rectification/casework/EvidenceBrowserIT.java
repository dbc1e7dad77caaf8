package cn.zhenggai.rectification.casework;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhenggai.rectification.BrowserApplicationTest;
import cn.zhenggai.rectification.evidence.SampleFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 佐证材料 in Tasklist: a secretary attaches files to her completion report in the panel below the form (two at once,
 * one removed and attached again, a refused one explained beside it, a large one showing its progress), is refused
 * 办理完成 while none is attached, and submits; the supervisor sees them on the acceptance form, read-only, and the file
 * downloaded is the file uploaded. Screenshots under {@code target/screenshots/}.
 */
class EvidenceBrowserIT extends BrowserApplicationTest {

  static final String UNIT = "street-chengguan";
  static final String PANEL = ".task-details .zhenggai-evidence";
  static final By LISTED = By.cssSelector(PANEL + " .zhenggai-evidence-file");
  static final By PICKER = By.cssSelector(PANEL + " input.zhenggai-evidence-input");
  static final String NO_FILE_YET = "请先上传至少一份佐证材料";
  /** A file name is what its uploader typed: shown as written, an entity as the characters it is made of. */
  static final String RULES = "学习制度&amp;考勤办法（2027年修订）.docx";

  @Autowired ProcessEngine engine;
  @TempDir Path folder;
  TasklistPage tasklist;

  @BeforeEach
  void openTasklist() {
    tasklist = new TasklistPage(browser, wait, url("/camunda/app/tasklist/default/"));
  }

  @Test
  void aSecretaryAttachesEvidenceToHerReportAndTheSupervisorDownloadsIt() throws Exception {
    CaseDriver cases = new CaseDriver(engine);
    cases.submitPlan("2.2", UNIT, "sec-chengguan");
    cases.reviewPlan("2.2", UNIT, "sup-orgdept", true, null);
    Task report = cases.unitTask("2.2", UNIT);
    Path minutes = Files.write(folder.resolve("专题学习会议记录.pdf"), SampleFiles.pdf("专题学习会议记录"));
    Path rules = Files.write(folder.resolve(RULES), SampleFiles.docx("一、每月第一周开展集中学习。"));

    tasklist.signIn("sec-chengguan");
    tasklist.openByLink(report.getId(), report.getName());
    WebElement panel = panelOf(report);
    assertThat(panel.getText()).contains("佐证材料", "须上传至少一份佐证材料", "尚未上传佐证材料");
    assertPanelSitsBetweenFormAndButtons();
    tasklist.claim();
    tasklist.type("textarea[id$='Field_RectificationDone']", "已开展专题学习 4 次。");
    tasklist.type("textarea[id$='Field_RectificationResults']", "党员参学率 98%。");
    tasklist.type("textarea[id$='Field_EvidenceDescription']", "会议记录 1 份，学习制度 1 份。");
    assertThat(tasklist.refusedCompletion(NO_FILE_YET)).contains("未能办理完成", NO_FILE_YET);
    screenshot("1-refused-without-evidence");

    pick(minutes, rules);
    assertThat(listed(2)).satisfiesExactlyInAnyOrder(
        row -> assertThat(row).contains("专题学习会议记录.pdf", size(minutes), "落实整改", "李卫东"),
        row -> assertThat(row).contains(RULES, size(rules), "落实整改", "李卫东"));
    screenshot("2-two-files-attached");

    remove(RULES);
    assertThat(listed(1)).singleElement().asString().contains("专题学习会议记录.pdf");
    pick(rules);
    assertThat(listed(2)).anySatisfy(row -> assertThat(row).contains(RULES));

    Path program = Files.write(folder.resolve("整改成效.pdf"), SampleFiles.program());
    pick(program);
    WebElement refused = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector(PANEL + " .zhenggai-evidence-upload-refused")));
    assertThat(refused.getText()).contains("整改成效.pdf").containsPattern("PDF.*Word");
    assertThat(listed(2)).noneSatisfy(row -> assertThat(row).contains("整改成效.pdf"));
    screenshot("3-refused-file-explained");
    WebElement dismiss = refused.findElement(By.cssSelector(".zhenggai-evidence-dismiss"));
    tasklist.scrollTo(dismiss);
    dismiss.click();
    wait.until(ExpectedConditions.invisibilityOf(refused));

    String notes = "第一期：学习《中国共产党支部工作条例（试行）》，讨论本支部落实情况。\n".repeat(60_000); // 5.9 MB
    Path large = Files.write(folder.resolve("学习笔记汇编.txt"), SampleFiles.text(notes, StandardCharsets.UTF_8));
    throttleUploads(2 * 1024 * 1024);
    pick(large);
    WebElement progress = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector(PANEL + " .zhenggai-evidence-upload progress")));
    wait.until(driver -> {
      int percent = Integer.parseInt(progress.getDomProperty("value"));
      return percent > 0 && percent < 100;
    });
    assertThat(browser.findElement(By.cssSelector(PANEL + " .zhenggai-evidence-upload")).getText())
        .contains("学习笔记汇编.txt", size(large)).containsPattern("正在上传 \\d+%");
    screenshot("4-large-file-uploading");
    assertThat(listed(3)).anySatisfy(row -> assertThat(row).contains("学习笔记汇编.txt", size(large)));
    throttleUploads(-1);

    tasklist.complete(report.getName());
    tasklist.signOut();

    Task acceptance = cases.unitTask("2.2", UNIT);
    assertThat(acceptance.getTaskDefinitionKey()).isEqualTo("Task_AcceptRectification");
    tasklist.signIn("sup-orgdept");
    tasklist.openByLink(acceptance.getId(), acceptance.getName());
    panelOf(acceptance);
    assertThat(listed(3)).anySatisfy(row -> assertThat(row).contains("专题学习会议记录.pdf", size(minutes), "李卫东"))
        .anySatisfy(row -> assertThat(row).contains(RULES, size(rules), "李卫东"));
    assertThat(browser.findElements(PICKER)).as("no picker on the acceptance").isEmpty();
    assertThat(browser.findElements(By.cssSelector(PANEL + " .zhenggai-evidence-remove"))).as("nothing to remove").isEmpty();
    assertThat(link("专题学习会议记录.pdf").getDomAttribute("target")).as("a PDF opens in the browser").isEqualTo("_blank");
    assertThat(link(RULES).getDomAttribute("download")).as("a Word file downloads").isNotNull();
    tasklist.scrollTo(browser.findElement(By.cssSelector(PANEL)));
    screenshot("5-acceptance-shows-the-files");

    assertThat(download(link(RULES))).isEqualTo(Files.readAllBytes(rules));
    assertThat(download(link("专题学习会议记录.pdf"))).isEqualTo(Files.readAllBytes(minutes));
  }

  @Test
  void movingBetweenTasksShowsEachTasksOwnFilesOnce() throws Exception {
    CaseDriver cases = new CaseDriver(engine);
    Task plan = cases.unitTask("3.3", UNIT);
    Task other = cases.unitTask("4.1", UNIT);
    Path survey = Files.write(folder.resolve("调研记录.pdf"), SampleFiles.pdf("调研记录"));

    tasklist.signIn("sec-chengguan");
    tasklist.openFromUnitFilter(plan.getName());
    panelOf(plan);
    assertThat(browser.findElement(By.cssSelector(PANEL)).getText()).doesNotContain("须上传至少一份佐证材料");
    pick(survey);
    assertThat(listed(1)).singleElement().asString().contains("调研记录.pdf", "制定整改方案");

    tasklist.openFromUnitFilter(other.getName());
    panelOf(other);
    assertThat(browser.findElement(By.cssSelector(PANEL)).getText()).contains("尚未上传佐证材料").doesNotContain("调研记录.pdf");
    tasklist.openFromUnitFilter(plan.getName());
    panelOf(plan);
    assertThat(listed(1)).singleElement().asString().contains("调研记录.pdf");
    screenshot("6-back-to-the-plan");
  }

  /** The panel, once it shows the files of {@code task} (with the form, which Tasklist shows once loaded): exactly one. */
  private WebElement panelOf(Task task) {
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(PANEL + "[data-task='" + task.getId() + "']")));
    List<WebElement> panels = browser.findElements(By.cssSelector(".zhenggai-evidence"));
    assertThat(panels).as("one panel on the page").hasSize(1);
    return panels.get(0);
  }

  /** Below the form's last field and above 办理完成. */
  private void assertPanelSitsBetweenFormAndButtons() {
    assertThat((Boolean) browser.executeScript(
        "const panel = document.querySelector(arguments[0]);"
            + "const form = document.querySelector('.task-details .fjs-container');"
            + "const buttons = document.querySelector('.task-details .form-actions');"
            + "return form.compareDocumentPosition(panel) === Node.DOCUMENT_POSITION_FOLLOWING"
            + " && (panel.compareDocumentPosition(buttons) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0"
            + " && form.getBoundingClientRect().bottom <= panel.getBoundingClientRect().top"
            + " && panel.getBoundingClientRect().bottom <= buttons.getBoundingClientRect().top", PANEL)).isTrue();
  }

  /** Picks files as a person does in the file dialog: one or several at once. */
  private void pick(Path... files) {
    List<String> paths = new ArrayList<>();
    for (Path file : files) {
      paths.add(file.toAbsolutePath().toString());
    }
    browser.findElement(PICKER).sendKeys(String.join("\n", paths));
  }

  private void remove(String name) {
    WebElement button = rowOf(name).findElement(By.cssSelector(".zhenggai-evidence-remove"));
    tasklist.scrollTo(button);
    button.click();
  }

  private WebElement rowOf(String name) {
    return browser.findElements(LISTED).stream()
        .filter(row -> row.findElement(By.cssSelector(".zhenggai-evidence-name")).getText().equals(name))
        .findFirst().orElseThrow(() -> new AssertionError(name + " is not listed"));
  }

  /** The listed files' lines, once there are {@code expected} of them and no upload is under way. */
  private List<String> listed(int expected) {
    wait.until(ExpectedConditions.numberOfElementsToBe(LISTED, expected));
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(PANEL + " .zhenggai-evidence-upload progress"), 0));
    return browser.findElements(LISTED).stream().map(WebElement::getText).toList();
  }

  private WebElement link(String name) {
    return rowOf(name).findElement(By.cssSelector("a.zhenggai-evidence-name"));
  }

  /** The bytes behind a link, fetched in the browser with its session. */
  private byte[] download(WebElement link) {
    browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    Object fetched = browser.executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "fetch(arguments[0].href, { credentials: 'same-origin' })"
            + "  .then(response => response.ok ? response.arrayBuffer() : Promise.reject(new Error('HTTP ' + response.status)))"
            + "  .then(buffer => {"
            + "    let text = '';"
            + "    new Uint8Array(buffer).forEach(each => { text += String.fromCharCode(each); });"
            + "    done(btoa(text));"
            + "  })"
            + "  .catch(error => done('failed: ' + error.message));", link);
    assertThat(fetched).asString().doesNotStartWith("failed");
    return Base64.getDecoder().decode((String) fetched);
  }

  /** Chromium's network throttled to {@code bytesPerSecond} for uploads; -1 lifts it. */
  private void throttleUploads(long bytesPerSecond) {
    browser.executeCdpCommand("Network.enable", Map.of());
    browser.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 0,
        "downloadThroughput", -1, "uploadThroughput", bytesPerSecond));
  }

  /** The size as the panel writes it: 0.6 KB, 2.3 KB, 6 MB. */
  private static String size(Path file) throws Exception {
    long bytes = Files.size(file);
    String size = bytes < 1024 * 1024
        ? String.format(Locale.ROOT, "%.1f KB", Math.max(0.1, Math.ceil(bytes / 102.4) / 10))
        : String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    return size.replace(".0 ", " ");
  }
}
