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
 */
public record ActuatorState(String actuator, double level, boolean safe, String cause, long tsMillis,
    double target, long rampMs) {

  public ActuatorState {
    if (rampMs < 0) {
      throw new IllegalArgumentException("rampMs must be >= 0, was " + rampMs);
    }
  }

  /** A steady state: no ramp runs. */
  public ActuatorState(String actuator, double level, boolean safe, String cause, long tsMillis) {
    this(actuator, level, safe, cause, tsMillis, Double.NaN, 0);
  }

  /** Whether a ramp (fade) is running. */
  public boolean ramping() {
    return !Double.isNaN(target);
  }
}
