package org.streetsense.gateway.rig;

/** The scripted scenarios {@code streetsense rig} can play. */
public enum ScenarioName {
  /** Thirty seconds of a crowd: passers-by every second, hands on the touch wall. */
  crowd,
  /** The button is jammed down for twenty seconds, then freed. */
  vandalised_button,
  /** The weather sensor is pulled off the bus for fifteen seconds, then plugged back. */
  unplugged_sensor
}
