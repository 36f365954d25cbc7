package org.streetsense.rigs.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads the gateway's own view of itself from {@code GET /metrics} (free from loopback). */
public final class UplinkMetrics {

  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  private UplinkMetrics() {}

  /** Whether the gateway listening on {@code httpPort} says its MQTT uplink is connected. */
  public static boolean connected(int httpPort) {
    return gauge(httpPort, "streetsense_uplink_connected") > 0.5;
  }

  /** The value of the first sample of {@code meter}; fails if absent or unreachable. */
  public static double gauge(int httpPort, String meter) {
    try {
      HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + httpPort + "/metrics"))
          .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
      return r.body().lines().filter(l -> l.startsWith(meter + "{") || l.startsWith(meter + " "))
          .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
          .findFirst().orElseThrow(() -> new IllegalStateException(meter + " not in /metrics"));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /metrics: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading /metrics", e);
    }
  }
}
