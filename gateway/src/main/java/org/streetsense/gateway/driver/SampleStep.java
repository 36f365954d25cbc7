package org.streetsense.gateway.driver;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one step of a sampled measurement: either the values are ready, or the device is
 * still converting and the runner should call {@link SampledDriver#collect()} again after a delay.
 * This keeps conversion waits (BME280 measuring bit, ADS1115 OS bit, BH1750 integration time) on the
 * scheduler instead of blocking a thread.
 */
public sealed interface SampleStep {

  /** The measurement is complete. */
  record Ready(List<ChannelValue> values) implements SampleStep {
    public Ready {
      values = List.copyOf(values);
    }
  }

  /** The device is still busy; try again after {@code delay}. */
  record Pending(Duration delay) implements SampleStep {
    public Pending {
      Objects.requireNonNull(delay, "delay");
      if (delay.isNegative()) {
        throw new IllegalArgumentException("delay must not be negative, was " + delay);
      }
    }
  }

  static SampleStep ready(List<ChannelValue> values) {
    return new Ready(values);
  }

  static SampleStep pending(Duration wait) {
    return new Pending(wait);
  }
}
