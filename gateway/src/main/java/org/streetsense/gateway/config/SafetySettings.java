package org.streetsense.gateway.config;

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
 */
public record SafetySettings(ZoneId timezone, QuietHoursSpec quietHours,
    List<ActuatorSpec> actuators) {

  /** No section: nothing may be commanded. */
  public static final SafetySettings NONE =
      new SafetySettings(ZoneOffset.UTC, QuietHoursSpec.NONE, List.of());

  public SafetySettings {
    Objects.requireNonNull(timezone, "timezone");
    Objects.requireNonNull(quietHours, "quietHours");
    actuators = List.copyOf(actuators);
  }

  /** The allow-list entry for {@code id}, if any. */
  public Optional<ActuatorSpec> actuator(String id) {
    return actuators.stream().filter(a -> a.id().equals(id)).findFirst();
  }
}
