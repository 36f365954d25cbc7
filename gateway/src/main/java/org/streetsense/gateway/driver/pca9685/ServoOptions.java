package org.streetsense.gateway.driver.pca9685;

import java.time.Duration;
import java.util.Objects;

/**
 * How servo angles map to pulse widths: {@code minPulse} at 0 degrees, {@code maxPulse} at
 * {@code rangeDegrees}, linear between. Defaults (1000-2000 us over 180 degrees) are safe for any
 * hobby servo; many accept 500-2500 us for their full travel.
 */
public record ServoOptions(Duration minPulse, Duration maxPulse, double rangeDegrees) {

  public static final ServoOptions STANDARD =
      new ServoOptions(Duration.ofNanos(1_000_000), Duration.ofNanos(2_000_000), 180);

  public ServoOptions {
    Objects.requireNonNull(minPulse, "minPulse");
    Objects.requireNonNull(maxPulse, "maxPulse");
    if (minPulse.isNegative() || maxPulse.compareTo(minPulse) <= 0) {
      throw new IllegalArgumentException(
          "servo maxPulse " + maxPulse + " must be greater than minPulse " + minPulse);
    }
    if (!(rangeDegrees > 0)) {
      throw new IllegalArgumentException("servo rangeDegrees must be > 0, was " + rangeDegrees);
    }
  }

  /** Pulse width for {@code degrees}, which must be within 0..rangeDegrees. */
  public Duration pulseFor(double degrees) {
    if (!(degrees >= 0 && degrees <= rangeDegrees)) {
      throw new IllegalArgumentException(
          "servo angle must be 0.." + rangeDegrees + " degrees, was " + degrees);
    }
    long span = maxPulse.toNanos() - minPulse.toNanos();
    return minPulse.plusNanos(Math.round(span * degrees / rangeDegrees));
  }
}
