package org.streetsense.system.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.streetsense.gateway.app.DemoInstallation;
import org.streetsense.harness.FreePorts;
import org.streetsense.harness.HeadlessChromium;
import org.streetsense.harness.MosquittoServer;
import org.streetsense.rigs.gateway.SimulatedGateway;

/**
 * A broker outage as the technician sees it, on the demo gateway with a real Mosquitto: the
 * oldest unsent observation is as old as the outage (not as old as the gateway's spool segment),
 * nothing is "replaying" while disconnected, and once the broker is back the backlog drains to
 * none.
 */
@Timeout(120)
class UplinkOutageOnDashboardIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static JsonObject uplink(String base) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base
            + "/dash/api/snapshot")).header("Authorization", "Bearer " + SimulatedGateway.TOKEN)
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return new JsonObject(r.body()).getJsonObject("uplink");
  }

  @Test
  void theOldestUnsentAgeIsTheOutagesAndNothingReplaysWhileDisconnected() throws Exception {
    Path dir = Files.createTempDirectory("streetsense-outage-");
    try (MosquittoServer broker = MosquittoServer.anonymous()) {
      broker.start();
      try (SimulatedGateway rig = SimulatedGateway.start(
              DemoInstallation.prepare(broker.port(), FreePorts.next(), dir));
          HeadlessChromium chromium = new HeadlessChromium(1366, 900)) {
        rig.startStreet();
        String base = rig.httpBase();
        Instant started = Instant.now();
        await("connected, spool segment older than 10 s").atMost(Duration.ofSeconds(40))
            .pollInterval(Duration.ofMillis(500)).until(() -> uplink(base).getBoolean("connected")
                && Duration.between(started, Instant.now()).toSeconds() >= 10);

        broker.stop();
        Instant outage = Instant.now();
        AtomicReference<JsonObject> seen = new AtomicReference<>();
        await("a backlog while disconnected").atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(250)).until(() -> {
              JsonObject u = uplink(base);
              seen.set(u);
              return !u.getBoolean("connected") && u.getLong("backlog") > 0;
            });
        double bound = Duration.between(outage, Instant.now()).toMillis() / 1000.0;
        JsonObject u = seen.get();
        assertThat(u.getDouble("oldestUnsentSeconds")).as(u.encode())
            .isGreaterThan(0).isLessThanOrEqualTo(bound + 1);
        assertThat(u.getJsonObject("replay").getBoolean("inProgress")).as(u.encode()).isFalse();

        WebDriver driver = chromium.driver();
        driver.get(base + "/dash/login");
        driver.findElement(By.id("token")).sendKeys(SimulatedGateway.TOKEN + "\n");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        wait.until(ExpectedConditions.textToBe(By.id("uplink-connected"), "disconnected"));
        wait.until(d -> d.findElement(By.id("uplink-oldest")).getText().matches("[0-9]+ s"));
        assertThat(driver.findElement(By.id("replay")).isDisplayed()).isFalse();
        chromium.screenshot("rig-dashboard-outage");

        broker.start();
        await("backlog replayed").atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500)).until(() -> {
              JsonObject now = uplink(base);
              return now.getBoolean("connected") && now.getLong("backlog") == 0
                  && !now.getJsonObject("replay").getBoolean("inProgress");
            });
        wait.until(ExpectedConditions.textToBe(By.id("uplink-oldest"), "none"));
      }
    }
  }
}
