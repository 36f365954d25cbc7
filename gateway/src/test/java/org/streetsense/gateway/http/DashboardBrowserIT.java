package org.streetsense.gateway.http;


import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.streetsense.gateway.status.DeviceState;
import org.streetsense.gateway.status.RecentEvent;

/**
 * The dashboard and the citizens' page in headless Chromium, against a running HTTP surface fed
 * by a fake gateway status and the event bus. Screenshots go to {@code target/screenshots/}.
 */
@Timeout(120)
class DashboardBrowserIT {

  @RegisterExtension
  static final BrowserSurface browser = new BrowserSurface(b -> b.loginThrottle(
      new LoginThrottleOptions(3, Duration.ofSeconds(20), Duration.ofMinutes(5))));

  private static WebDriverWait waiting(WebDriver driver) {
    return new WebDriverWait(driver, Duration.ofSeconds(15));
  }

  private static void logIn(WebDriver driver, String base, String token) {
    driver.get(base + "/dash/login");
    WebElement field = driver.findElement(By.id("token"));
    field.clear();
    field.sendKeys(token);
    driver.findElement(By.id("login-submit")).click();
  }

  @Test
  void dashboardNeedsTheTokenThenShowsLiveValuesAndFaults() {
    WebDriver driver = browser.chromium().driver();
    driver.manage().deleteAllCookies();
    driver.get(browser.fx().base + "/dash/");
    waiting(driver).until(ExpectedConditions.urlToBe(browser.fx().base + "/dash/login"));

    logIn(driver, browser.fx().base, "not-the-token-at-all");
    assertThat(waiting(driver).until(ExpectedConditions.visibilityOfElementLocated(
        By.id("login-error"))).getText()).contains("not right");

    logIn(driver, browser.fx().base, SurfaceFixture.TOKEN);
    waiting(driver).until(ExpectedConditions.urlToBe(browser.fx().base + "/dash/"));
    waiting(driver).until(ExpectedConditions.textToBe(By.id("stream-state"), "live"));
    assertThat(driver.findElement(By.id("site")).getText()).isEqualTo("Fontána na Hlavnej");

    By temperature = By.cssSelector(".reading[data-key='air-1/temperature'] .value");
    assertThat(driver.findElement(temperature).getText()).isEqualTo("21.50");
    browser.fx().publishReading("air-1", "temperature", 23.75, "degC");
    waiting(driver).until(ExpectedConditions.textToBe(temperature, "23.75"));
    browser.fx().publishReading("air-1", "humidity", 51.25, "%RH");
    waiting(driver).until(ExpectedConditions.textToBe(
        By.cssSelector(".reading[data-key='air-1/humidity'] .value"), "51.25"));
    assertThat(driver.findElement(By.cssSelector(
        ".reading[data-key='air-1/temperature'] polyline")).getAttribute("points"))
        .as("sparkline drawn").isNotBlank();

    browser.fx().status.addEvent(new RecentEvent("touch-1", "electrode3", "touch_start", 0,
        Instant.now()));
    browser.fx().status.setUplink(new org.streetsense.gateway.status.UplinkStatus(false,
        "ssl://mqtt.kosice.example:8883", 1834, 0.42, Duration.ofMinutes(17),
        java.util.Map.of("spool_full", 3L), 4, true, 0.35));
    browser.fx().status.setDevice("air-1", DeviceState.FAULT, "I2C read failed: Remote I/O error");
    By airState = By.cssSelector("#devices tr[data-device='air-1'] .state");
    waiting(driver).until(ExpectedConditions.textToBe(airState, "FAULT"));
    assertThat(driver.findElement(By.cssSelector("#devices tr[data-device='air-1']")).getText())
        .contains("I2C read failed: Remote I/O error");
    waiting(driver).until(ExpectedConditions.textToBe(By.id("health"), "not ready"));
    assertThat(driver.findElement(By.id("health-reasons")).getText())
        .contains("broker down", "device air-1 fault");
    assertThat(driver.findElement(By.id("uplink-connected")).getText())
        .isEqualTo("disconnected");
    assertThat(driver.findElement(By.id("uplink-backlog")).getText()).contains("1834");
    assertThat(driver.findElement(By.id("replay")).isDisplayed())
        .as("no replay is shown while disconnected").isFalse();
    assertThat(driver.findElement(By.id("events")).getText()).contains("touch_start");
    assertThat(driver.findElement(By.cssSelector(".actuator[data-actuator='pump-1'] .level"))
        .getText()).isEqualTo("on");
    browser.chromium().screenshot("dashboard");

    browser.viewport(BrowserSurface.Viewport.PHONE);
    browser.chromium().screenshot("dashboard-phone");
    browser.viewport(BrowserSurface.Viewport.DESKTOP);
    browser.fx().status.setDevice("air-1", DeviceState.OK, null);
    browser.fx().status.setUplink(FakeGatewayStatus.uplink(true, 0, 0.1));
  }

  @Test
  void wrongTokensAreThrottledInTheBrowser() throws Exception {
    try (SurfaceFixture own = new SurfaceFixture(b -> b.loginThrottle(
        new LoginThrottleOptions(1, Duration.ofSeconds(60), Duration.ofMinutes(5))))) {
      WebDriver driver = browser.chromium().driver();
      logIn(driver, own.base, "wrong-token-number-1");
      assertThat(waiting(driver).until(ExpectedConditions.visibilityOfElementLocated(
          By.id("login-error"))).getText()).contains("not right");
      logIn(driver, own.base, "wrong-token-number-2");
      assertThat(waiting(driver).until(ExpectedConditions.visibilityOfElementLocated(
          By.id("login-error"))).getText()).contains("Too many failed attempts");
      logIn(driver, own.base, SurfaceFixture.TOKEN);
      // wait for the answer page (the click returns before it has loaded)
      assertThat(waiting(driver).until(ExpectedConditions.visibilityOfElementLocated(
          By.id("login-error"))).getText()).contains("Too many failed attempts");
      assertThat(driver.getCurrentUrl()).isEqualTo(own.base + "/dash/login");
    }
  }

  @Test
  void aboutPageInSlovakAndEnglishWithoutPrivateChannels() {
    WebDriver driver = browser.chromium().driver();
    driver.get(browser.fx().base + "/public/about/sk");
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Fontána na Hlavnej");
    assertThat(driver.findElement(By.id("senses-h")).getText()).isEqualTo("Čo meria a prečo");
    assertThat(driver.findElements(By.cssSelector("#senses li.channel"))).hasSize(4);
    assertNoPrivateNames(driver);
    browser.chromium().screenshot("about-sk");

    driver.findElement(By.id("lang-en")).click();
    waiting(driver).until(ExpectedConditions.urlToBe(browser.fx().base + "/public/about/en"));
    assertThat(driver.findElement(By.id("not-collected-h")).getText())
        .isEqualTo("What is not collected");
    assertThat(driver.findElement(By.id("not-collected")).getText())
        .contains("There are no cameras", "The microphone measures only how loud it is");
    assertNoPrivateNames(driver);
    browser.chromium().screenshot("about-en");
  }

  @Test
  void aboutPageFollowsTheBrowsersLanguage() {
    WebDriver driver = browser.chromium().driver();
    driver.get(browser.fx().base + "/public/about");
    assertThat(driver.findElement(By.tagName("html")).getAttribute("lang"))
        .as("Chromium runs with --lang=en-US").isEqualTo("en");
    assertThat(driver.findElement(By.id("lang-en")).getAttribute("aria-current"))
        .isEqualTo("page");
  }

  @Test
  void publicDataInTheBrowserLeavesOutPrivateChannels() {
    WebDriver driver = browser.chromium().driver();
    for (String path : new String[] {"/public/api/current", "/public/api/aggregates?window=1h",
        "/public/api/history.csv?channel=air-1/temperature"}) {
      driver.get(browser.fx().base + path);
      assertThat(driver.getPageSource()).as(path).contains("air-1");
      assertNoPrivateNames(driver);
    }
  }

  private static void assertNoPrivateNames(WebDriver driver) {
    String source = driver.getPageSource();
    for (String name : FakeGatewayStatus.PRIVATE_NAMES) {
      assertThat(source).as(driver.getCurrentUrl()).doesNotContain(name);
    }
  }
}
