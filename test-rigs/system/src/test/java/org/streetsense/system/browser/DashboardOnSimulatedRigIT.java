package org.streetsense.system.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.streetsense.gateway.app.DemoInstallation;
import org.streetsense.harness.AxeCore;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.MosquittoServer;
import org.streetsense.harness.HeadlessChromium;
import org.streetsense.rigs.gateway.SimulatedGateway;

/**
 * The technician dashboard and the public pages in headless Chromium, against the whole demo
 * gateway running on the simulated rig and publishing to a real Mosquitto: the token is required,
 * live values move, a sensor pulled off the bus shows as a fault, and the private channel
 * {@code weather/pressure} appears on no public endpoint. Screenshots go to
 * {@code target/screenshots/}.
 */
@Timeout(120)
class DashboardOnSimulatedRigIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private static MosquittoServer broker;
  private static SimulatedGateway rig;
  private static HeadlessChromium chromium;
  private static String base;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    broker = MosquittoServer.anonymous();
    broker.start();
    Path dir = Files.createTempDirectory("streetsense-browser-");
    rig = SimulatedGateway.start(DemoInstallation.prepare(broker.port(), FreePorts.next(), dir));
    rig.startStreet();
    base = rig.httpBase();
    chromium = new HeadlessChromium(1280, 1000);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (chromium != null) {
        chromium.close();
      }
      if (rig != null) {
        rig.close();
      }
    } finally {
      broker.close();
    }
  }

  @Test
  void dashboardNeedsTheTokenAndRejectsAWrongOne() {
    WebDriver driver = chromium.driver();
    driver.manage().deleteAllCookies();
    driver.get(base + "/dash/");
    waiting().until(ExpectedConditions.urlToBe(base + "/dash/login"));

    logIn("certainly-not-the-token");
    assertThat(waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error"))).getText())
        .contains("not right");
    assertThat(driver.getCurrentUrl()).isEqualTo(base + "/dash/login");
    chromium.screenshot("rig-login-rejected");

    driver.get(base + "/dash/");
    waiting().until(ExpectedConditions.urlToBe(base + "/dash/login"));
  }

  @Test
  void liveValuesFromTheSimulatedSensorsUpdateAfterLogin() {
    WebDriver driver = loggedIn();
    assertThat(driver.findElement(By.id("site")).getText()).isEqualTo("Streetsense demo bench");
    By light = By.cssSelector(".reading[data-key='light/illuminance'] .value");
    String first = waiting().until(d -> {
      String t = d.findElement(light).getText();
      return t.isBlank() || t.equals("–") || t.equals("-") ? null : t;
    });
    String later = waiting().until(d -> {
      String t = d.findElement(light).getText();
      return t.equals(first) ? null : t;
    });
    assertThat(Double.parseDouble(later.replace(",", ""))).isBetween(0.0, 100_000.0);
    assertThat(driver.findElement(By.cssSelector(".reading[data-key='light/illuminance'] polyline"))
        .getAttribute("points")).as("sparkline drawn").isNotBlank();
    chromium.screenshot("rig-dashboard-live");
  }

  @Test
  void aSensorPulledOffTheBusShowsAsAFaultAndMakesTheGatewayNotReady() throws Exception {
    WebDriver driver = loggedIn();
    By weatherState = By.cssSelector("#devices tr[data-device='weather'] .state");
    waiting().until(ExpectedConditions.presenceOfElementLocated(weatherState));
    rig.control().unplug("weather");
    try {
      // A chip that stops acknowledging its address is reported as absent, with the bus error.
      new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBe(weatherState, "ABSENT"));
      WebElement row = driver.findElement(By.cssSelector("#devices tr[data-device='weather']"));
      assertThat(row.getText()).contains("ACK");
      waiting().until(ExpectedConditions.textToBe(By.id("health"), "not ready"));
      assertThat(driver.findElement(By.id("health-reasons")).getText()).contains("device weather absent");
      assertThat(get("/metrics").body()).as("the fault is counted")
          .containsPattern("streetsense_device_errors_total\\{device=\"weather\"[^}]*\\} [1-9]");
      chromium.screenshot("rig-dashboard-fault");
    } finally {
      rig.control().plugBack("weather");
    }
    // the fault leaves a trace on the row once the device answers again
    new WebDriverWait(driver, Duration.ofSeconds(60)).until(ExpectedConditions.textToBe(weatherState, "OK"));
    WebElement row = driver.findElement(By.cssSelector("#devices tr[data-device='weather']"));
    assertThat(row.getText()).contains("last error", "ACK", " at ");
    assertThat(row.findElements(By.tagName("td")).get(2).getText()).isNotEqualTo("0");
  }

  @Test
  void outputsShowTheirLevelBooleansShowOnOffAndAnActuatorIsTestedFromItsTile() {
    WebDriver driver = loggedIn();
    By lampPulse = By.cssSelector(".actuator[data-actuator='lamp'] button[data-op='pulse']");
    waiting().until(ExpectedConditions.presenceOfElementLocated(lampPulse));
    assertThat(driver.findElements(By.cssSelector(".actuator[data-actuator='fan'] button"))
        .stream().map(b -> b.getAttribute("data-op")).toList()).containsExactly("on", "off");
    assertThat(driver.findElement(By.cssSelector(".actuator[data-actuator='fan'] .level")).getText())
        .isIn("on", "off");
    // buttons, PIR and touch electrodes are on/off with a time line, not numbers with "bool"
    List<WebElement> booleans = driver.findElements(By.cssSelector(".reading[data-type='boolean']"));
    assertThat(booleans).extracting(t -> t.getAttribute("data-key"))
        .contains("start-button/pressed", "motion/motion", "touch-wall/left");
    booleans.forEach(tile -> {
      assertThat(tile.findElement(By.cssSelector(".value")).getText())
          .as(tile.getAttribute("data-key")).matches("on|off|–");
      assertThat(tile.getText()).doesNotContain("bool");
      assertThat(tile.findElements(By.cssSelector("svg.timeline"))).hasSize(1);
    });

    driver.findElement(lampPulse).click();
    waiting().until(ExpectedConditions.textMatches(
        By.cssSelector(".actuator[data-actuator='lamp'] .answer"),
        java.util.regex.Pattern.compile("pulse: (accepted|rejected \\(quiet_hours\\).*)")));
    // set from the slider with the keyboard (10 %: within the demo's quiet-hours cap of 0.2, so
    // this holds at any time of day); the street's reflexes drive the lamp too, so its level is
    // only checked to be a percentage
    WebElement slider = driver.findElement(By.cssSelector(".actuator[data-actuator='lamp'] input[type='range']"));
    slider.sendKeys(Keys.HOME);
    for (int i = 0; i < 10; i++) {
      slider.sendKeys(Keys.ARROW_RIGHT);
    }
    driver.findElement(By.cssSelector(".actuator[data-actuator='lamp'] button[data-op='set']")).click();
    waiting().until(ExpectedConditions.textToBe(
        By.cssSelector(".actuator[data-actuator='lamp'] .answer"), "set: accepted"));
    assertThat(driver.findElement(By.cssSelector(".actuator[data-actuator='lamp'] .level")).getText())
        .matches("[0-9]+ %");
    ChromeDriver chrome = chromium.driver();
    for (int[] size : new int[][] {{390, 844}, {1366, 900}}) {
      chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", size[0],
          "height", size[1], "deviceScaleFactor", 1, "mobile", size[0] < 600));
      List<AxeCore.Violation> blocking = AxeCore.blocking(driver);
      assertThat(blocking).as(AxeCore.describe(blocking)).isEmpty();
      chromium.screenshot("rig-dashboard-" + size[0] + "x" + size[1]);
    }
    chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
  }

  @Test
  void thePrivatePressureChannelIsAbsentFromEveryPublicEndpoint() throws Exception {
    await("a public reading").atMost(WAIT).pollInterval(Duration.ofMillis(200))
        .until(() -> get("/public/api/current").body().contains("light/illuminance"));
    await("the running gateway's readings in the open-data history").atMost(WAIT)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> !get("/public/api/history.json?channel=light/illuminance").body()
            .contains("\"count\":0,"));

    for (String path : new String[] {"/public/api/current", "/public/api/aggregates?window=1h",
        "/public/api/history.json?channel=light/illuminance", "/public/api/history.csv?channel=light/illuminance",
        "/public/about/en", "/public/about/sk"}) {
      HttpResponse<String> r = get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      assertThat(r.body()).as(path).doesNotContain("weather/pressure").doesNotContain("hPa");
    }
    for (String path : new String[] {"/public/api/history.json?channel=weather/pressure",
        "/public/api/history.csv?channel=weather/pressure"}) {
      HttpResponse<String> r = get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(r.body()).as(path).doesNotContain("hPa");
    }

    WebDriver driver = chromium.driver();
    driver.get(base + "/public/about/en");
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Streetsense demo bench");
    assertThat(driver.findElement(By.id("senses")).getText()).containsIgnoringCase("temperature")
        .doesNotContainIgnoringCase("pressure");
    assertThat(driver.getPageSource()).doesNotContain("weather/pressure").doesNotContain("hPa");
    chromium.screenshot("rig-about-en");

    driver.get(base + "/public/api/current");
    assertThat(driver.getPageSource()).contains("light/illuminance").doesNotContain("pressure");
  }

  private static WebDriver loggedIn() {
    WebDriver driver = chromium.driver();
    driver.get(base + "/dash/");
    if (!driver.getCurrentUrl().equals(base + "/dash/")) {
      logIn(SimulatedGateway.TOKEN);
      waiting().until(ExpectedConditions.urlToBe(base + "/dash/"));
    }
    waiting().until(ExpectedConditions.textToBe(By.id("stream-state"), "live"));
    return driver;
  }

  private static void logIn(String token) {
    WebDriver driver = chromium.driver();
    driver.get(base + "/dash/login");
    WebElement field = driver.findElement(By.id("token"));
    field.clear();
    field.sendKeys(token);
    driver.findElement(By.id("login-submit")).click();
  }

  private static WebDriverWait waiting() {
    return new WebDriverWait(chromium.driver(), Duration.ofSeconds(15));
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
