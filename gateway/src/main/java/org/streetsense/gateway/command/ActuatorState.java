package org.streetsense.gateway.command;

/**
 * An actuator's level after a change, published retained so a backend and the dashboard always
 * see the current state.
 *
 * <p>While a fade runs, the state carries the ramp: the level moves linearly from {@code level}
 * at {@code tsMillis} to {@code target}, which it reaches {@code rampMs} later. Such states are
 * published when the ramp starts and at most every {@link CommandProcessorOptions#rampStateInterval}
 * while it runs; the state after it ended has no ramp ({@code target} NaN, {@code rampMs} 0).
 *
 * @param actuator actuator id
 * @param level level now (0..1, or degrees for servos)
 * @param safe whether the level is the declared safe level
 * @param cause what changed it: a command id, {@code max_on_time}, {@code shutdown},
 *     {@code hardware_lost}, {@code startup}
 * @param tsMillis when (unix ms)
 * @param target where a running ramp goes; NaN when no ramp runs
 * @param rampMs milliseconds until a running ramp reaches {@code target}; 0 when none runs
 * @param coolDownUntilMillis while the actuator rests after reaching its max on-time: when the
 *     cool-down ends (unix ms); 0 when none runs
 * @param colour for an actuator with colour channels (a DMX fixture): the colour it is set to,
 *     0..255 per colour channel in address order (what it shows away from its safe look); empty
 *     for every other actuator
 */
public record ActuatorState(String actuator, double level, boolean safe, String cause, long tsMillis,
    double target, long rampMs, long coolDownUntilMillis, java.util.List<Integer> colour) {

  /** A state without a colour (every actuator but a DMX fixture with colour channels). */
  public ActuatorState(String actuator, double level, boolean safe, String cause, long tsMillis,
      double target, long rampMs, long coolDownUntilMillis) {
    this(actuator, level, safe, cause, tsMillis, target, rampMs, coolDownUntilMillis,
        java.util.List.of());
  }

  public ActuatorState {
    colour = java.util.List.copyOf(colour);
    if (rampMs < 0) {
      throw new IllegalArgumentException("rampMs must be >= 0, was " + rampMs);
    }
    if (coolDownUntilMillis < 0) {
      throw new IllegalArgumentException("coolDownUntilMillis must be >= 0, was " + coolDownUntilMillis);
    }
  }

  /** A steady state: no ramp runs, no cool-down. */
  public ActuatorState(String actuator, double level, boolean safe, String cause, long tsMillis) {
    this(actuator, level, safe, cause, tsMillis, Double.NaN, 0, 0);
  }

  /** A state while a ramp runs (no cool-down can run then). */
  public ActuatorState(String actuator, double level, boolean safe, String cause, long tsMillis,
      double target, long rampMs) {
    this(actuator, level, safe, cause, tsMillis, target, rampMs, 0);
  }

  /** A steady state, resting until {@code coolDownUntilMillis} (0: no cool-down). */
  public ActuatorState(String actuator, double level, boolean safe, String cause, long tsMillis,
      long coolDownUntilMillis) {
    this(actuator, level, safe, cause, tsMillis, Double.NaN, 0, coolDownUntilMillis);
  }

  /** This state with {@code newColour} (0..255 per colour channel). */
  public ActuatorState withColour(java.util.List<Integer> newColour) {
    return new ActuatorState(actuator, level, safe, cause, tsMillis, target, rampMs,
        coolDownUntilMillis, newColour);
  }

  /** Whether a ramp (fade) is running. */
  public boolean ramping() {
    return !Double.isNaN(target);
  }
}
