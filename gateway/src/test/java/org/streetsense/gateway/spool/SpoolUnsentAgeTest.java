package org.streetsense.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streetsense.gateway.spool.SpoolTestSupport.await;
import static org.streetsense.gateway.spool.SpoolTestSupport.open;
import static org.streetsense.gateway.spool.SpoolTestSupport.small;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streetsense.gateway.clock.ManualTimeSource;
import org.streetsense.gateway.pipeline.ObservedTime;
import org.streetsense.gateway.pipeline.Quality;
import org.streetsense.gateway.pipeline.Reading;

/** The age of the oldest unsent observation is the observation's, not its segment file's. */
class SpoolUnsentAgeTest {

  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    await(vertx.close());
  }

  private static Reading at(long wallMillis, boolean trusted) {
    return new Reading("plaza", "bme280", "temperature", 21, "degC", Quality.GOOD,
        new ObservedTime(wallMillis, 0, trusted), 0);
  }

  @Test
  void oneObservationUnsentForThreeSecondsIsThreeSecondsOldNotTheAgeOfItsSegment() {
    long t0 = Observations.T0;
    ManualTimeSource time = new ManualTimeSource(t0, 0);
    Spool spool = open(vertx, small(dir).segmentBytes(64 * 1024).timeSource(time).build());
    await(spool.registerSink("mqtt"));
    await(spool.append(at(t0, true)));
    await(spool.flush());
    await(spool.acknowledge("mqtt", Lane.TELEMETRY, 1));
    assertThat(await(spool.stats()).oldestUnsentAgeMillisPerSink()).containsEntry("mqtt", 0L);

    // 14 minutes later, in the same segment, the broker goes away: one observation waits 3 s.
    time.advance(Duration.ofMinutes(14));
    await(spool.append(at(time.wallMillis(), true)));
    await(spool.flush());
    time.advance(Duration.ofSeconds(3));
    assertThat(await(spool.stats()).oldestUnsentAgeMillisPerSink()).containsEntry("mqtt", 3000L);

    time.advance(Duration.ofSeconds(2));
    assertThat(await(spool.stats()).oldestUnsentAgeMillisPerSink()).containsEntry("mqtt", 5000L);
    await(spool.close());
  }

  @Test
  void anObservationStampedBeforeTheClockWasSetIsNoOlderThanItsSegment() {
    long t0 = Observations.T0;
    ManualTimeSource time = new ManualTimeSource(t0, 0);
    Spool spool = open(vertx, small(dir).segmentBytes(64 * 1024).timeSource(time).build());
    await(spool.registerSink("mqtt"));
    await(spool.append(at(86_400_000L, false)));
    await(spool.flush());
    time.advance(Duration.ofSeconds(7));
    assertThat(await(spool.stats()).oldestUnsentAgeMillisPerSink()).containsEntry("mqtt", 7000L);
    await(spool.close());
  }
}
