package org.streetsense.gateway.status;

import java.time.Instant;
import java.util.Objects;

/**
 * Current state of one actuator (LED strip, relay, servo).
 *
 * @param id actuator id
 * @param state current state as text, for example {@code on}, {@code 40%}, {@code idle}
 * @param inSafeState whether it is in its declared safe state
 * @param since when it entered this state
 * @param level the output level (0..1 for lights, sound and switches, degrees for servos), or
 *     {@code NaN} when not known yet
 */
public record ActuatorState(String id, String state, boolean inSafeState, Instant since,
    double level) {

  /** A state whose level is not known. */
  public ActuatorState(String id, String state, boolean inSafeState, Instant since) {
    this(id, state, inSafeState, since, Double.NaN);
  }

  public ActuatorState {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(since, "since");
  }
}
