package org.streetsense.gateway.reflex;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.streetsense.gateway.actuator.Operation;

/**
 * What a reflex does: one command to one actuator, checked by the safety policy like any other.
 * Examples: fade LED channel 2 up over 300 ms ({@code FADE, 1.0, 300 ms}); move the servo to 90°
 * for 5 s ({@code PULSE, 90, 5 s}); fade a fixture to orange over 2 s ({@code COLOR, NaN, 2 s,
 * [255, 120, 0]}).
 *
 * @param colour for {@link Operation#COLOR}: 0..255 per colour channel in address order; empty
 *     for every other operation
 */
public record ReflexAction(String actuator, Operation operation, double value, Duration duration,
    List<Integer> colour) {

  /** An action without a colour (every operation but {@link Operation#COLOR}). */
  public ReflexAction(String actuator, Operation operation, double value, Duration duration) {
    this(actuator, operation, value, duration, List.of());
  }

  public ReflexAction {
    colour = List.copyOf(colour);
    Objects.requireNonNull(actuator, "actuator");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(duration, "duration");
  }
}
