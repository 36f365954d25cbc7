package org.streetsense.gateway.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.streetsense.gateway.actuator.ActuatorKind;
import org.streetsense.gateway.actuator.Operation;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.command.CommandProcessor;
import org.streetsense.gateway.command.CommandProcessorOptions;
import org.streetsense.gateway.command.RecordingActuator;
import org.streetsense.gateway.safety.ActuatorLimits;
import org.streetsense.gateway.safety.QuietHours;
import org.streetsense.gateway.safety.SafetyPolicy;
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
  /** A lamp (set, on, off, pulse, fade) and a fan relay (on, off; 2 commands a minute). */
  public final RecordingActuator lamp = new RecordingActuator("lamp", ActuatorKind.LIGHT, 0.0);
  public final RecordingActuator fan = new RecordingActuator("fan", ActuatorKind.SWITCH, 0.0);
  /** Runs the dashboard's actuator tests ({@code /dash/api/actuators}). */
  public final CommandProcessor commands = new CommandProcessor(List.of(lamp, fan),
      new SafetyPolicy(List.of(
          ActuatorLimits.builder("lamp").operations(EnumSet.of(Operation.SET, Operation.ON,
              Operation.OFF, Operation.PULSE, Operation.FADE)).build(),
          ActuatorLimits.builder("fan").operations(EnumSet.of(Operation.ON, Operation.OFF))
              .commandsPerMinute(2).build()),
          QuietHours.none(), System::currentTimeMillis, System::nanoTime),
      TimeSource.system(), CommandProcessorOptions.defaults());
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
    commands.onState(status::actuator);
    commands.announceAll("startup");
    surface = HttpSurface.create(vertx, builder.build(), status, history, metrics, commands);
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
    commands.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
