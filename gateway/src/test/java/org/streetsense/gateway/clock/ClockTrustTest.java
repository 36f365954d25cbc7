package org.streetsense.gateway.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.pipeline.ObservedTime;
import org.streetsense.gateway.pipeline.Quality;
import org.streetsense.gateway.pipeline.Reading;

class ClockTrustTest {

  private static final Instant FLOOR = Instant.parse("2026-01-01T00:00:00Z");
  private static final long REAL_NOW = Instant.parse("2026-11-27T12:00:00Z").toEpochMilli();
  private final ManualTimeSource time = new ManualTimeSource(0L, 5_000_000_000L);
  private final AtomicBoolean synced = new AtomicBoolean();
  private final ClockTrust trust = new ClockTrust(time, FLOOR, synced::get, "boot-1");

  @Test
  void clockAt1970IsNotTrustedAndStampsAreFlagged() {
    assertThat(trust.isTrusted()).isFalse();
    assertThat(trust.refresh()).isFalse();
    assertThat(trust.stamp().clockTrusted()).isFalse();
  }

  @Test
  void observationsTakenBeforeTrustAreHeldThenRestampedFromMonotonicTime() {
    Observation early = reading(trust.stamp());
    assertThat(trust.restamp(early, "boot-1")).isEmpty();

    time.advance(Duration.ofSeconds(90));
    time.setWall(REAL_NOW);
    synced.set(true);
    assertThat(trust.refresh()).isTrue();

    Observation delivered = trust.restamp(early, "boot-1").orElseThrow();
    assertThat(delivered.time().clockTrusted()).isTrue();
    assertThat(delivered.time().epochMillis()).isEqualTo(REAL_NOW - 90_000);
    assertThat(delivered.time().monotonicNanos()).isEqualTo(early.time().monotonicNanos());
  }

  @Test
  void wallClockPastTheSanityFloorIsTrustedWithoutSync() {
    time.setWall(FLOOR.toEpochMilli() + 1);
    assertThat(trust.isTrusted()).isTrue();
    assertThat(trust.stamp().clockTrusted()).isTrue();
  }

  @Test
  void observationsOfAnotherBootAreDeliveredStillFlaggedUntrusted() {
    Observation fromLastBoot = reading(new ObservedTime(1000, 42, false));
    time.setWall(REAL_NOW);
    Observation delivered = trust.restamp(fromLastBoot, "boot-0").orElseThrow();
    assertThat(delivered).isEqualTo(fromLastBoot);
    assertThat(delivered.time().clockTrusted()).isFalse();
  }

  @Test
  void trustedObservationsPassUnchanged() {
    Observation ok = reading(new ObservedTime(REAL_NOW, 7, true));
    assertThat(trust.restamp(ok, "other")).contains(ok);
  }

  private static Observation reading(ObservedTime t) {
    return new Reading("plaza", "bh1750", "illuminance", 12.5, "lx", Quality.GOOD, t, 3);
  }
}
