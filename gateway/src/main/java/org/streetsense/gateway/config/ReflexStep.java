package org.streetsense.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One action of a reflex ({@code reflexes[].do[]}): a command to an allow-listed actuator.
 *
 * @param actuator actuator id from {@code safety.actuators}
 * @param op the operation
 * @param value the target level, for set, pulse and fade
 * @param duration pulse or fade time, for pulse and fade; for color, the fade time (empty: at
 *     once)
 * @param colour for color: 0..255 per colour channel of the fixture, in address order; empty
 *     for every other operation
 */
public record ReflexStep(String actuator, ActuatorOperation op, OptionalDouble value,
    Optional<Duration> duration, List<Integer> colour) {

  /** An action without a colour (every operation but color). */
  public ReflexStep(String actuator, ActuatorOperation op, OptionalDouble value,
      Optional<Duration> duration) {
    this(actuator, op, value, duration, List.of());
  }

  public ReflexStep {
    colour = List.copyOf(colour);
    Objects.requireNonNull(actuator, "actuator");
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(duration, "duration");
  }
}
