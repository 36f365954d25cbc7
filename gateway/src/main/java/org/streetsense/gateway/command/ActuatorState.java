package org.streetsense.gateway.command;

/**
 * An actuator's level after a change, published retained so a backend and the dashboard always
 * see the current state.
 *
 * @param actuator actuator id
 * @param level level now (0..1, or degrees for servos)
 * @param safe whether the level is the declared safe level
 * @param cause what changed it: a command id, {@code max_on_time}, {@code shutdown},
 *     {@code hardware_lost}, {@code startup}
 * @param tsMillis when (unix ms)
 * @param coolDownUntilMillis while the actuator rests after reaching its max on-time: when the
 *     cool-down ends (unix ms); 0 when none runs
 */
public record ActuatorState(String actuator, double level, boolean safe, String cause, long tsMillis,
    long coolDownUntilMillis) {

  /** A state without a cool-down. */
  public ActuatorState(String actuator, double level, boolean safe, String cause, long tsMillis) {
    this(actuator, level, safe, cause, tsMillis, 0);
  }
}
