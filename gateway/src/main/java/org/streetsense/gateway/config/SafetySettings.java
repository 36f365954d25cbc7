package org.streetsense.gateway.config;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code safety} section: the allow-list of actuators with their limits, and quiet hours.
 * An output device that is not listed cannot be commanded by anyone (MQTT, OSC, HTTP or
 * reflexes); it only ever sits in its safe state.
 *
 * @param timezone the installation's IANA time zone for quiet hours (default UTC)
 * @param quietHours quiet hours ({@link QuietHoursSpec#NONE} when not configured)
 * @param actuators the allow-list, in file order
 * @param maxDuration the longest pulse or fade any command may ask for, from any source
 *     ({@code safety.maxDuration}, default {@link #DEFAULT_MAX_DURATION})
 */
public record SafetySettings(ZoneId timezone, QuietHoursSpec quietHours,
    List<ActuatorSpec> actuators, Duration maxDuration) {

  /** The longest pulse or fade when the file declares no {@code maxDuration}. */
  public static final Duration DEFAULT_MAX_DURATION = Duration.ofHours(1);

  /** No section: nothing may be commanded. */
  public static final SafetySettings NONE =
      new SafetySettings(ZoneOffset.UTC, QuietHoursSpec.NONE, List.of());

  /** Settings with the default {@code maxDuration}. */
  public SafetySettings(ZoneId timezone, QuietHoursSpec quietHours, List<ActuatorSpec> actuators) {
    this(timezone, quietHours, actuators, DEFAULT_MAX_DURATION);
  }

  public SafetySettings {
    Objects.requireNonNull(timezone, "timezone");
    Objects.requireNonNull(quietHours, "quietHours");
    actuators = List.copyOf(actuators);
    Objects.requireNonNull(maxDuration, "maxDuration");
    if (maxDuration.isZero() || maxDuration.isNegative()) {
      throw new IllegalArgumentException("maxDuration must be positive, was " + maxDuration);
    }
  }

  /** The allow-list entry for {@code id}, if any. */
  public Optional<ActuatorSpec> actuator(String id) {
    return actuators.stream().filter(a -> a.id().equals(id)).findFirst();
  }
}
