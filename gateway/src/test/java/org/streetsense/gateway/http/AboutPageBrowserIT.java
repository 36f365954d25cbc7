package org.streetsense.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.streetsense.harness.AxeCore;
import org.streetsense.harness.HeadlessChromium;

/**
 * The citizens' page in headless Chromium at phone (390×844) and desktop (1366×900) size: what it
 * tells, live values, axe-core with no serious or critical violations, every link reachable and
 * working from the keyboard. Screenshots go to {@code target/screenshots/about-*}.
 */
@Timeout(180)
class AboutPageBrowserIT {

  private static final List<Dimension> SIZES =
      List.of(new Dimension(390, 844), new Dimension(1366, 900));

  private static SurfaceFixture fx;
  private static HeadlessChromium chromium;

  @BeforeAll
  static void start() throws Exception {
    fx = new SurfaceFixture(b -> { });
    chromium = new HeadlessChromium(1366, 900);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (chromium != null) {
        chromium.close();
      }
    } finally {
      fx.close();
    }
  }

  private static String size(Dimension d) {
    return d.getWidth() < 600 ? "phone" : "desktop";
  }

  @Test
  void tellsWhereDataGoesWhatItDoesBackAndWhoToAskAtBothSizes() {
    WebDriver driver = chromium.driver();
    for (Dimension d : SIZES) {
      driver.manage().window().setSize(d);
      for (String lang : List.of("en", "sk")) {
        driver.get(fx.base + "/public/about/" + lang);
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
        chromium.screenshot("about-" + lang + "-" + size(d));
        for (String section : List.of("now", "effects", "data-flows", "operator")) {
          ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
              "document.getElementById(arguments[0]).scrollIntoView()", section);
          chromium.screenshot("about-" + lang + "-" + size(d) + "-" + section);
        }
      }
    }
    driver.get(fx.base + "/public/about/en");
    assertThat(driver.findElement(By.id("data-flows")).getText())
        .contains("Every measurement, including those not shown on this page")
        .doesNotContain("Only the measurements listed above leave");
    assertThat(driver.findElement(By.id("effects")).getText())
        .contains("when someone touches it (Touches on the fountain's rim)");
    driver.get(fx.base + "/public/about/sk");
    for (WebElement heading : driver.findElements(By.tagName("h2"))) {
      assertThat(heading.getText()).as("Slovak headings only")
          .isNotIn("What it senses and why", "Right now", "Who runs it", "What it does back");
    }
    assertThat(driver.findElements(By.cssSelector(".langs a")))
        .extracting(WebElement::getText).containsExactly("Slovenčina", "English");
  }

  @Test
  void valuesAreInPlainLanguageLocalTimeAndUpdateLive() {
    WebDriver driver = chromium.driver();
    driver.manage().window().setSize(SIZES.get(0));
    fx.status.putLatest("air-1", "temperature", 21.5, "degC",
        Instant.parse("2026-07-01T10:00:00Z"));
    driver.get(fx.base + "/public/about/en");
    By temperature = By.cssSelector("#now-table tr[data-channel='air-1/temperature']");
    assertThat(driver.findElement(temperature).getText())
        .contains("Air temperature", "21.5 °C", "12:00:00").doesNotContain("degC", "air-1");
    fx.status.putLatest("air-1", "temperature", 23.4, "degC",
        Instant.parse("2026-07-01T10:05:00Z"));
    fx.status.putLatest("touch-1", "electrode3", 1, "", Instant.parse("2026-07-01T10:05:00Z"));
    new WebDriverWait(driver, Duration.ofSeconds(40)).until(ExpectedConditions.textToBePresentInElementLocated(
        By.cssSelector("#now-table tr[data-channel='air-1/temperature'] .value"), "23.4 °C"));
    assertThat(driver.findElement(temperature).getText()).contains("12:05:00");
    assertThat(driver.findElement(By.cssSelector(
        "#now-table tr[data-channel='touch-1/electrode3'] .value")).getText()).isEqualTo("touched");
    chromium.screenshot("about-en-live-phone");
  }

  @Test
  void everyLinkIsReachedAndFollowedFromTheKeyboard() {
    WebDriver driver = chromium.driver();
    for (Dimension d : SIZES) {
      driver.manage().window().setSize(d);
      driver.get(fx.base + "/public/about/sk");
      int links = driver.findElements(By.cssSelector("a[href]")).size();
      java.util.Set<String> reached = new java.util.LinkedHashSet<>();
      for (int i = 0; i < links + 5; i++) {
        new Actions(driver).sendKeys(Keys.TAB).perform();
        WebElement active = driver.switchTo().activeElement();
        if ("a".equals(active.getTagName())) {
          reached.add(active.getAttribute("href"));
        }
      }
      assertThat(reached).as("every link takes the focus at " + size(d))
          .hasSize((int) driver.findElements(By.cssSelector("a[href]")).stream()
              .map(e -> e.getAttribute("href")).distinct().count());
      driver.get(fx.base + "/public/about/sk");
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
          .until(ExpectedConditions.urlToBe(fx.base + "/public/about/en"));
    }
  }
}
