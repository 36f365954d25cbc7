package org.streetsense.gateway.actuator;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A request to change an actuator, from any source.
 *
 * @param id idempotency key chosen by the sender; a repeated id is answered with the first
 *     result and never executed twice
 * @param correlationId echoed in every result so the sender can match answers; may equal id
 * @param actuator actuator id
 * @param operation what to do
 * @param value target level (0..1, or degrees for servos); NaN when the operation needs none
 * @param duration pulse or fade duration; {@link Duration#ZERO} when none
 * @param expiresAtMillis wall-clock time after which the command must not run (unix ms);
 *     {@link Long#MAX_VALUE} for no expiry
 * @param source where it came from
 * @param colour for {@link Operation#COLOR}: 0..255 per colour channel, in the fixture's
 *     address order; empty for every other operation
 */
public record Command(
    String id,
    String correlationId,
    String actuator,
    Operation operation,
    double value,
    Duration duration,
    long expiresAtMillis,
    CommandSource source,
    List<Integer> colour) {

  /** A command without a colour (every operation but {@link Operation#COLOR}). */
  public Command(String id, String correlationId, String actuator, Operation operation,
      double value, Duration duration, long expiresAtMillis, CommandSource source) {
    this(id, correlationId, actuator, operation, value, duration, expiresAtMillis, source, List.of());
  }

  public Command {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(correlationId, "correlationId");
    Objects.requireNonNull(actuator, "actuator");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(source, "source");
    colour = List.copyOf(colour);
    // -0.0 is 0.0 for every output; adding +0.0 turns it into +0.0 (and leaves NaN as it is), so
    // no state or result ever says "level": -0.0
    value = value + 0.0;
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative, was " + duration);
    }
  }

  /**
   * The level the actuator ends at (for PULSE, the level held during the pulse); NaN for
   * {@link Operation#COLOR}, which leaves the level as it is.
   */
  public double targetLevel(double safeLevel) {
    return switch (operation) {
      case ON -> 1.0;
      case OFF -> 0.0;
      case SAFE -> safeLevel;
      case SET, PULSE, FADE -> value;
      case COLOR -> Double.NaN;
    };
  }
}
