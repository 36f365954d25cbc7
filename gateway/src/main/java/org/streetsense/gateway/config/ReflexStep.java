package org.streetsense.gateway.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One action of a reflex ({@code reflexes[].do[]}): a command to an allow-listed actuator.
 *
 * @param actuator actuator id from {@code safety.actuators}
 * @param op the operation
 * @param value the target level, for set, pulse and fade
 * @param duration pulse or fade time, for pulse and fade
 */
public record ReflexStep(String actuator, ActuatorOperation op, OptionalDouble value,
    Optional<Duration> duration) {

  public ReflexStep {
    Objects.requireNonNull(actuator, "actuator");
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(duration, "duration");
  }
}
