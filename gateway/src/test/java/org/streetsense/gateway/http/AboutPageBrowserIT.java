package org.streetsense.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
import org.streetsense.harness.AxeCore;

/**
 * The citizens' page in headless Chromium at phone (390×844) and desktop (1366×900) size: what it
 * tells, live values, axe-core with no serious or critical violations, every link reachable and
 * working from the keyboard. Screenshots go to {@code target/screenshots/about-*}.
 */
@Timeout(180)
class AboutPageBrowserIT {

  @RegisterExtension
  static final BrowserSurface browser = new BrowserSurface(b -> { });

  @Test
  void tellsWhereDataGoesWhatItDoesBackAndWhoToAskAtBothSizes() {
    WebDriver driver = browser.chromium().driver();
    for (BrowserSurface.Viewport d : BrowserSurface.VIEWPORTS) {
      browser.viewport(d);
      for (String lang : List.of("en", "sk")) {
        driver.get(browser.fx().base + "/public/about/" + lang);
        assertThat(driver.findElements(By.cssSelector("#summary li[data-dtpr] svg")))
            .hasSize(5);
        assertThat(driver.findElement(By.id("contact")).getAttribute("href"))
            .isEqualTo("mailto:opendata@kosice.example");
        assertThat(driver.findElements(By.cssSelector("#data-flows .flow")))
            .extracting(e -> e.getAttribute("data-flow"))
            .containsExactly("backend", "database", "osc", "open-data", "device");
        assertThat(driver.findElement(By.cssSelector("#effects li[data-actuator='leds-1']"))
            .getText()).isNotBlank();
        assertThat(driver.findElement(By.id("map-link")).getAttribute("href"))
            .startsWith("https://www.openstreetmap.org/?mlat=48.72080&mlon=21.25770");
        List<AxeCore.Violation> blocking = AxeCore.blocking(driver);
        assertThat(blocking).as(AxeCore.describe(blocking)).isEmpty();
        browser.chromium().screenshot("about-" + lang + "-" + d.label);
        for (String section : List.of("now", "effects", "data-flows", "operator")) {
          ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
              "document.getElementById(arguments[0]).scrollIntoView()", section);
          browser.chromium().screenshot("about-" + lang + "-" + d.label + "-" + section);
        }
      }
    }
    driver.get(browser.fx().base + "/public/about/en");
    assertThat(driver.findElement(By.id("data-flows")).getText())
        .contains("Every measurement, including those not shown on this page")
        .doesNotContain("Only the measurements listed above leave");
    assertThat(driver.findElement(By.id("effects")).getText())
        .contains("when someone touches it (Touches on the fountain's rim)");
    driver.get(browser.fx().base + "/public/about/sk");
    for (WebElement heading : driver.findElements(By.tagName("h2"))) {
      assertThat(heading.getText()).as("Slovak headings only")
          .isNotIn("What it senses and why", "Right now", "Who runs it", "What it does back");
    }
    assertThat(driver.findElements(By.cssSelector(".langs a")))
        .extracting(WebElement::getText).containsExactly("Slovenčina", "English");
  }

  @Test
  void valuesAreInPlainLanguageLocalTimeAndUpdateLive() {
    WebDriver driver = browser.chromium().driver();
    browser.viewport(BrowserSurface.Viewport.PHONE);
    browser.fx().status.putLatest("air-1", "temperature", 21.5, "degC",
        Instant.parse("2026-07-01T10:00:00Z"));
    driver.get(browser.fx().base + "/public/about/en");
    By temperature = By.cssSelector("#now-table tr[data-channel='air-1/temperature']");
    assertThat(driver.findElement(temperature).getText())
        .contains("Air temperature", "21.5 °C", "12:00:00").doesNotContain("degC", "air-1");
    // the live refresh keeps the language's decimal separator (a comma in Slovak)
    driver.get(browser.fx().base + "/public/about/sk");
    assertThat(driver.findElement(temperature).getText()).contains("21,5 °C");
    browser.fx().status.putLatest("air-1", "temperature", 23.4, "degC",
        Instant.parse("2026-07-01T10:05:00Z"));
    browser.fx().status.putLatest("touch-1", "electrode3", 1, "", Instant.parse("2026-07-01T10:05:00Z"));
    new WebDriverWait(driver, Duration.ofSeconds(40)).until(ExpectedConditions.textToBePresentInElementLocated(
        By.cssSelector("#now-table tr[data-channel='air-1/temperature'] .value"), "23,4 °C"));
    assertThat(driver.findElement(temperature).getText()).contains("12:05:00");
    assertThat(driver.findElement(By.cssSelector(
        "#now-table tr[data-channel='touch-1/electrode3'] .value")).getText())
        .isEqualTo("dotyk");
    browser.chromium().screenshot("about-sk-live-phone");
  }

  @Test
  void everyLinkIsReachedAndFollowedFromTheKeyboard() {
    WebDriver driver = browser.chromium().driver();
    for (BrowserSurface.Viewport d : BrowserSurface.VIEWPORTS) {
      browser.viewport(d);
      driver.get(browser.fx().base + "/public/about/sk");
      int links = driver.findElements(By.cssSelector("a[href]")).size();
      java.util.Set<String> reached = new java.util.LinkedHashSet<>();
      for (int i = 0; i < links + 5; i++) {
        new Actions(driver).sendKeys(Keys.TAB).perform();
        WebElement active = driver.switchTo().activeElement();
        if ("a".equals(active.getTagName())) {
          reached.add(active.getAttribute("href"));
        }
      }
      assertThat(reached).as("every link takes the focus at " + d.label)
          .hasSize((int) driver.findElements(By.cssSelector("a[href]")).stream()
              .map(e -> e.getAttribute("href")).distinct().count());
      driver.get(browser.fx().base + "/public/about/sk");
      WebElement english = null;
      for (int i = 0; i < 10 && english == null; i++) {
        new Actions(driver).sendKeys(Keys.TAB).perform();
        WebElement active = driver.switchTo().activeElement();
        if ("lang-en".equals(active.getAttribute("id"))) {
          english = active;
        }
      }
      assertThat(english).as("the language switch is reached early").isNotNull();
      new Actions(driver).sendKeys(Keys.ENTER).perform();
      new WebDriverWait(driver, Duration.ofSeconds(15))
          .until(ExpectedConditions.urlToBe(browser.fx().base + "/public/about/en"));
    }
  }
}
