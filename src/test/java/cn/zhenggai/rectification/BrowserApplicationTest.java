package cn.zhenggai.rectification;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The application on PostgreSQL with a fresh headless Chromium for each test ({@link Browser}). */
@Tag("browser")
public abstract class BrowserApplicationTest extends PostgresApplicationTest {

  @LocalServerPort protected int port;
  protected ChromeDriver browser;
  protected WebDriverWait wait;

  @BeforeEach
  void openBrowser() throws Exception {
    browser = Browser.start();
    wait = new WebDriverWait(browser, Duration.ofSeconds(30));
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  protected String url(String path) {
    return "http://localhost:" + port + path;
  }

  protected void screenshot(String name) throws Exception {
    Browser.screenshot(browser, getClass(), name);
  }
}
