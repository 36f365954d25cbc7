package org.streetsense.gateway.sink.influx;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.streetsense.gateway.clock.ClockTrust;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.pipeline.InteractionEvent;
import org.streetsense.gateway.pipeline.ObservedTime;
import org.streetsense.gateway.pipeline.Quality;
import org.streetsense.gateway.pipeline.Reading;

/** Shared data and helpers of the InfluxDB sink ITs. */
final class InfluxFixtures {

  /** Recent enough for any retention policy, fixed so the tests can compare timestamps. */
  static final long MS = System.currentTimeMillis() / 1000 * 1000 - 3_600_000;

  private InfluxFixtures() {}

  static Reading reading(int i) {
    return new Reading("plaza", "bme280", "temperature", 20 + i, "degC", Quality.GOOD,
        new ObservedTime(MS + i * 10L, 0, true), i + 1);
  }

  static InteractionEvent touch(long seq) {
    return new InteractionEvent("plaza", "mpr121", "e3", "touch_start", 0,
        new ObservedTime(MS, 0, true), seq);
  }

  static ClockTrust trustedClock() {
    return new ClockTrust(TimeSource.system(), Instant.EPOCH, () -> true, "it");
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
