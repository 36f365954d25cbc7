package org.streetsense.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.streetsense.gateway.status.DeviceState;
import org.streetsense.gateway.status.RecentEvent;
import org.streetsense.gateway.status.UplinkStatus;
import org.streetsense.harness.AxeCore;

/**
 * The login page and the technician dashboard in headless Chromium at phone (390×844) and desktop
 * (1366×900) size: axe-core finds no serious or critical violation, every action is done from the
 * keyboard, the login page names the installation, booleans show as on/off with a time line,
 * durations carry their unit, interactions are newest first, the uplink shows the true age of the
 * oldest unsent observation and no replay while disconnected, and actuators are tested from their
 * tiles through the command endpoint. Screenshots go to {@code target/screenshots/}.
 */
@Timeout(180)
class DashboardPagesBrowserIT {

  @RegisterExtension
  static final BrowserSurface browser = new BrowserSurface(b -> { });

  /** Waits up to 15 s; a part of the page re-rendered under a read is read again. */
  private static WebDriverWait waiting() {
    WebDriverWait wait = new WebDriverWait(browser.chromium().driver(), Duration.ofSeconds(15));
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    return wait;
  }

  private static void assertAccessible(String page) {
    List<AxeCore.Violation> blocking = AxeCore.blocking(browser.chromium().driver());
    assertThat(blocking).as(page + ":\n" + AxeCore.describe(blocking)).isEmpty();
  }

  /** Presses Tab until {@code target} has the focus (at most 60 times). */
  private static void tabTo(WebElement target) {
    WebDriver driver = browser.chromium().driver();
    for (int i = 0; i < 60; i++) {
      if (target.equals(driver.switchTo().activeElement())) {
        return;
      }
      new Actions(driver).sendKeys(Keys.TAB).perform();
    }
    throw new AssertionError("Tab never reached " + target.getAttribute("outerHTML"));
  }

  private static void logInWithTheKeyboard() {
    WebDriver driver = browser.chromium().driver();
    driver.manage().deleteAllCookies();
    driver.get(browser.fx().base + "/dash/login");
    WebElement token = driver.findElement(By.id("token"));
    // the field has autofocus; Chromium does not always honour it in a reused tab, so Tab to it
    tabTo(token);
    new Actions(driver).sendKeys(SurfaceFixture.TOKEN).sendKeys(Keys.ENTER).perform();
    waiting().until(ExpectedConditions.urlToBe(browser.fx().base + "/dash/"));
    waiting().until(ExpectedConditions.textToBe(By.id("stream-state"), "live"));
  }

  @Test
  void theLoginPageNamesItsInstallationAndIsAccessibleAtBothSizes() {
    WebDriver driver = browser.chromium().driver();
    for (BrowserSurface.Viewport v : BrowserSurface.VIEWPORTS) {
      String name = v.size();
      browser.viewport(v);
      driver.manage().deleteAllCookies();
      driver.get(browser.fx().base + "/dash/login");
      assertThat(driver.findElement(By.id("login-site")).getText())
          .isEqualTo("Fontána na Hlavnej");
      assertThat(driver.findElement(By.id("login-installation")).getText())
          .contains("kosice-fountain-01");
      assertThat(driver.getTitle()).startsWith("Fontána na Hlavnej");
      assertAccessible("login " + name);
      browser.chromium().screenshot("login-" + name);
    }
    logInWithTheKeyboard();
    assertThat(driver.findElement(By.id("site")).getText()).isEqualTo("Fontána na Hlavnej");
  }

  @Test
  void theDashboardShowsTrueStatesAndIsAccessibleAtBothSizes() {
    WebDriver driver = browser.chromium().driver();
    browser.viewport(BrowserSurface.Viewport.DESKTOP);
    Instant now = Instant.now();
    browser.fx().status.addEvent(new RecentEvent("touch-1", "electrode3", "touch_end", 1500,
        now.minusSeconds(30)));
    browser.fx().status.addEvent(new RecentEvent("touch-1", "electrode3", "touch_start", 0,
        now.minusSeconds(31)));
    browser.fx().status.addEvent(new RecentEvent("motion", "motion", "presence_leave",
        7157.359647, now.minusSeconds(10)));
    // a device that was unplugged and answers again: its fault stays on its row
    browser.fx().status.setDevice("light-1", DeviceState.ABSENT, "NACK: device unplugged");
    browser.fx().status.setDevice("light-1", DeviceState.OK, null);
    // added last but happened first: must still be listed last
    browser.fx().status.addEvent(new RecentEvent("touch-1", "electrode3", "touch_end", 850,
        now.minusSeconds(120)));
    // three seconds into an outage with one observation waiting; the forwarder's old
    // "replay" flag must not show while disconnected
    browser.fx().status.setUplink(new UplinkStatus(false, "ssl://mqtt.kosice.example:8883", 1, 0.0,
        Duration.ofSeconds(3), Map.of(), 2, true, 0.96));
    logInWithTheKeyboard();

    waiting().until(ExpectedConditions.textToBe(By.id("uplink-connected"), "disconnected"));
    assertThat(driver.findElement(By.id("uplink-oldest")).getText()).isEqualTo("3 s");
    assertThat(driver.findElement(By.id("replay")).isDisplayed()).isFalse();

    // the dashboard re-renders its lists as the stream updates them: each read is one rendering
    List<String> events = waiting().until(d -> d.findElements(By.cssSelector("#events li"))
        .stream().map(WebElement::getText).toList());
    assertThat(events).hasSize(4);
    assertThat(events.get(0)).contains("presence_leave · 7.2 s").doesNotContain("7157");
    assertThat(events.get(1)).contains("touch_end · 1.5 s");
    assertThat(events.get(2)).contains("touch_start");
    assertThat(events.get(3)).contains("touch_end · 850 ms");
    List<String> light = waiting().until(d -> {
      WebElement row = d.findElement(By.cssSelector("#devices tr[data-device='light-1']"));
      return List.of(String.valueOf(row.getAttribute("data-state")), row.getText());
    });
    assertThat(light.get(0)).isEqualTo("ok");
    assertThat(light.get(1)).contains("last error NACK: device unplugged at ");

    By touch = By.cssSelector(".reading[data-key='touch-1/electrode3']");
    browser.fx().publishReading("touch-1", "electrode3", 1, "");
    waiting().until(ExpectedConditions.textToBe(By.cssSelector(
        ".reading[data-key='touch-1/electrode3'] .value"), "on"));
    assertThat(driver.findElement(touch).getText()).doesNotContain("0.00", "1.00", "bool");
    assertThat(driver.findElements(By.cssSelector(".reading[data-key='touch-1/electrode3'] "
        + "svg.timeline rect.on"))).isNotEmpty();
    browser.fx().publishReading("touch-1", "electrode3", 0, "");
    waiting().until(ExpectedConditions.textToBe(By.cssSelector(
        ".reading[data-key='touch-1/electrode3'] .value"), "off"));

    waiting().until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector(".actuator[data-actuator='lamp'] button[data-op='on']")));
    String lampLevel = waiting().until(d -> d.findElement(
        By.cssSelector(".actuator[data-actuator='lamp'] .level")).getText());
    assertThat(lampLevel).as("the lamp's level, whatever an earlier test left it at")
        .matches("[0-9]+ %");
    waiting().until(ExpectedConditions.textMatches(
        By.cssSelector(".actuator[data-actuator='fan'] .level"),
        java.util.regex.Pattern.compile("on|off")));
    assertThat(driver.findElements(By.cssSelector(".actuator[data-actuator='fan'] button"))
        .stream().map(b -> b.getAttribute("data-op")).toList()).containsExactly("on", "off");
    assertThat(driver.findElement(By.cssSelector(".actuator[data-actuator='pump-1']")).getText())
        .contains("not in the safety allow-list");

    // a tile of an output's channel (as a PWM chip's lights/ring) shows the output's level
    browser.fx().publishReading("lamp", "level", 0.3, "%");
    waiting().until(ExpectedConditions.textToBe(
        By.cssSelector(".reading[data-key='lamp/level'] .value"), lampLevel));
    assertThat(driver.findElement(By.cssSelector(".reading[data-key='lamp/level']")).getText())
        .doesNotContain("–");

    for (BrowserSurface.Viewport v : BrowserSurface.VIEWPORTS) {
      String name = v.size();
      browser.viewport(v);
      assertAccessible("dashboard " + name);
      browser.chromium().screenshot("dashboard-" + name);
    }
    browser.fx().status.setUplink(FakeGatewayStatus.uplink(true, 0, 0.1));
  }

  @Test
  void actuatorsAreTestedFromTheirTilesWithTheKeyboard() {
    WebDriver driver = browser.chromium().driver();
    browser.viewport(BrowserSurface.Viewport.PHONE);
    logInWithTheKeyboard();
    By lampOn = By.cssSelector(".actuator[data-actuator='lamp'] button[data-op='on']");
    waiting().until(ExpectedConditions.presenceOfElementLocated(lampOn));
    By lampAnswer = By.cssSelector(".actuator[data-actuator='lamp'] .answer");

    tabTo(driver.findElement(lampOn));
    new Actions(driver).sendKeys(Keys.ENTER).perform();
    waiting().until(ExpectedConditions.textToBe(lampAnswer, "on: accepted"));
    waiting().until(ExpectedConditions.textToBe(
        By.cssSelector(".actuator[data-actuator='lamp'] .level"), "100 %"));

    WebElement slider = driver.findElement(By.cssSelector(".actuator[data-actuator='lamp'] "
        + "input[type='range']"));
    tabTo(slider);
    new Actions(driver).sendKeys(Keys.END).sendKeys(Keys.ARROW_LEFT).sendKeys(Keys.ARROW_LEFT)
        .sendKeys(Keys.TAB).perform();
    assertThat(driver.switchTo().activeElement().getAttribute("data-op")).isEqualTo("set");
    new Actions(driver).sendKeys(Keys.SPACE).perform();
    waiting().until(ExpectedConditions.textToBe(lampAnswer, "set: accepted"));
    waiting().until(ExpectedConditions.textToBe(
        By.cssSelector(".actuator[data-actuator='lamp'] .level"), "98 %"));
    waiting().until(d -> browser.fx().lamp.applied().contains(0.98));

    // the fan takes two commands a minute; the third is refused and the tile says why
    By fanAnswer = By.cssSelector(".actuator[data-actuator='fan'] .answer");
    WebElement fanOn = driver.findElement(By.cssSelector(
        ".actuator[data-actuator='fan'] button[data-op='on']"));
    WebElement fanOff = driver.findElement(By.cssSelector(
        ".actuator[data-actuator='fan'] button[data-op='off']"));
    tabTo(fanOn);
    new Actions(driver).sendKeys(Keys.ENTER).perform();
    waiting().until(ExpectedConditions.textToBe(fanAnswer, "on: accepted"));
    tabTo(fanOff);
    new Actions(driver).sendKeys(Keys.ENTER).perform();
    waiting().until(ExpectedConditions.textToBe(fanAnswer, "off: accepted"));
    new Actions(driver).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
    assertThat(driver.switchTo().activeElement()).isEqualTo(fanOn);
    // two commands a minute that leave the safe level; off never counts
    new Actions(driver).sendKeys(Keys.ENTER).perform();
    waiting().until(ExpectedConditions.textToBe(fanAnswer, "on: accepted"));
    new Actions(driver).sendKeys(Keys.ENTER).perform();
    waiting().until(ExpectedConditions.textMatches(fanAnswer,
        java.util.regex.Pattern.compile("on: rejected \\(rate_limited\\).*")));
    WebElement fanTile = driver.findElement(By.cssSelector(".actuator[data-actuator='fan']"));
    new Actions(driver).scrollToElement(fanTile).perform();
    browser.chromium().screenshot("dashboard-actuator-test-390x844");
    assertAccessible("dashboard after commands");

    tabTo(driver.findElement(By.cssSelector("header form button")));
    new Actions(driver).sendKeys(Keys.ENTER).perform();
    waiting().until(ExpectedConditions.urlToBe(browser.fx().base + "/dash/login"));
  }
}
