package cn.zhenggai.rectification;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from the machine's packages (Debian {@code chromium} and {@code chromium-driver}). Without them
 * a browser test is skipped with a message saying so, unless {@code -Dbrowser.required=true} (as in CI), where it
 * fails.
 */
public final class Browser {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private Browser() {}

  public static ChromeDriver start() throws Exception {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    String missing = "Chromium is not installed (" + CHROMIUM + ", " + CHROMEDRIVER + "): "
        + "apt-get install chromium chromium-driver, or run .ci/run";
    if (!present && Boolean.getBoolean("browser.required")) {
      throw new IllegalStateException(missing);
    }
    Assumptions.assumeTrue(present, missing + " — browser test skipped");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
        "--window-size=1400,1000", "--lang=zh-CN", "--accept-lang=zh-CN,zh",
        "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh")); // as a Chinese user's browser
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
        .usingAnyFreePort()
        .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    // Date formats and the time zone as on a county office's computer (headless Chromium ignores --lang for them)
    driver.executeCdpCommand("Emulation.setLocaleOverride", Map.of("locale", "zh-CN"));
    driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "Asia/Shanghai"));
    driver.manage().timeouts().implicitlyWait(Duration.ZERO);
    return driver;
  }

  /** Fills and sends our sign-in page, which must be open or opening. */
  public static void signIn(ChromeDriver browser, String user, String password) {
    WebElement name = new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
    name.clear();
    name.sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.cssSelector("button[type='submit']")).click();
  }

  /** Saves what the browser shows as {@code target/screenshots/<test class>-<name>.png}. */
  public static void screenshot(ChromeDriver browser, Class<?> test, String name) throws Exception {
    Path target = Path.of("target", "screenshots", test.getSimpleName() + "-" + name + ".png");
    Files.createDirectories(target.getParent());
    Files.write(target, browser.getScreenshotAs(OutputType.BYTES));
  }
}
