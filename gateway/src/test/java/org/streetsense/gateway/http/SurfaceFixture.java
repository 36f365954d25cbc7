package org.streetsense.gateway.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.streetsense.gateway.metrics.GatewayMetrics;
import org.streetsense.gateway.pipeline.Quality;
import org.streetsense.gateway.status.HistoryPoint;
import org.streetsense.gateway.status.InMemoryHistory;
import org.streetsense.gateway.status.ObservationBus;

/**
 * A running HTTP surface on a free loopback port, fed by a {@link FakeGatewayStatus}, an {@link
 * InMemoryHistory} with an hour of temperature readings, and the event bus. Close it after use.
 */
public final class SurfaceFixture implements AutoCloseable {

  public static final String TOKEN = "test-token-6f1d2c9a8b7e";

  public final Vertx vertx = Vertx.vertx();
  public final FakeGatewayStatus status = new FakeGatewayStatus();
  public final InMemoryHistory history = new InMemoryHistory(1000);
  public final GatewayMetrics metrics = new GatewayMetrics("kosice-fountain-01");
  public final HttpSurface surface;
  public final String base;

  /** Starts a surface with test defaults, adjusted by {@code options}. */
  public SurfaceFixture(Consumer<HttpSurfaceOptions.Builder> options) throws Exception {
    Instant now = Instant.now();
    for (int i = 60; i > 0; i--) {
      history.record("air-1", "temperature", new HistoryPoint(now.minusSeconds(i * 60L),
          20 + Math.sin(i / 6.0) * 2, Quality.GOOD, 100 - i));
      history.record("mic-1", "sound_level", new HistoryPoint(now.minusSeconds(i * 60L),
          55 + i % 7, Quality.GOOD, 100 - i));
    }
    history.subscribe(vertx.eventBus());
    HttpSurfaceOptions.Builder builder = HttpSurfaceOptions.builder()
        .host("127.0.0.1").port(0)
        .token(TokenSources.of(TOKEN.toCharArray()))
        .statusPushInterval(Duration.ofMillis(200))
        .publicRateLimit(new RateLimitOptions(10_000, 1000));
    options.accept(builder);
    surface = HttpSurface.create(vertx, builder.build(), status, history, metrics);
    int port = surface.start().toCompletionStage().toCompletableFuture()
        .get(20, TimeUnit.SECONDS);
    base = "http://127.0.0.1:" + port;
  }

  /** Publishes a reading on the observation address, as the gateway does. */
  public void publishReading(String device, String channel, double value, String unit) {
    vertx.eventBus().publish(ObservationBus.ADDRESS, new JsonObject()
        .put("ts", System.currentTimeMillis()).put("seq", 1000).put("device", device)
        .put("channel", channel).put("value", value).put("unit", unit).put("quality", "good")
        .put("kind", "reading"));
  }

  @Override
  public void close() throws Exception {
    surface.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    metrics.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
