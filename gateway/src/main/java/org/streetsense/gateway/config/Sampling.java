package org.streetsense.gateway.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.streetsense.gateway.driver.spec.DriverDescriptor;

/**
 * How a device produces data.
 *
 * @param mode periodic readings or events on change
 * @param period time between readings when periodic; empty for events
 */
public record Sampling(SamplingMode mode, Optional<Duration> period) {

  /** The shortest period a file may ask for. */
  public static final Duration MIN_PERIOD = Duration.ofMillis(10);

  public Sampling {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(period, "period");
    if (mode == SamplingMode.PERIODIC) {
      Duration p = period.orElseThrow(() -> new IllegalArgumentException("periodic needs a period"));
      if (p.compareTo(MIN_PERIOD) < 0) {
        throw new IllegalArgumentException("period must be at least 10ms, was " + p);
      }
    } else if (period.isPresent()) {
      throw new IllegalArgumentException("event sampling has no period");
    }
  }

  public static Sampling event() {
    return new Sampling(SamplingMode.EVENT, Optional.empty());
  }

  public static Sampling every(Duration period) {
    return new Sampling(SamplingMode.PERIODIC, Optional.of(period));
  }

  /** What {@code driver} does when the file gives neither period nor mode; empty for outputs. */
  public static Optional<Sampling> defaultFor(DriverDescriptor driver) {
    if (driver.eventByDefault()) {
      return Optional.of(event());
    }
    return driver.defaultPeriod().map(Sampling::every);
  }

  public boolean isEvent() {
    return mode == SamplingMode.EVENT;
  }
}
