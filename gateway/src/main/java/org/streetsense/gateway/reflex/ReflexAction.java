package org.streetsense.gateway.reflex;

import java.time.Duration;
import java.util.Objects;
import org.streetsense.gateway.actuator.Operation;

/**
 * What a reflex does: one command to one actuator, checked by the safety policy like any other.
 * Examples: fade LED channel 2 up over 300 ms ({@code FADE, 1.0, 300 ms}); move the servo to 90°
 * for 5 s ({@code PULSE, 90, 5 s}).
 */
public record ReflexAction(String actuator, Operation operation, double value, Duration duration) {

  public ReflexAction {
    Objects.requireNonNull(actuator, "actuator");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(duration, "duration");
  }
}
