package org.streetsense.gateway.config;

/** An operation named in {@code safety.actuators.<id>.operations} and in reflex actions. */
public enum ActuatorOperation implements ConfigName {
  /** Go to {@code value} now. */
  SET("set"),
  /** Full on. */
  ON("on"),
  /** Off. */
  OFF("off"),
  /** Go to {@code value} for {@code duration}, then back to the safe level. */
  PULSE("pulse"),
  /** Move to {@code value} linearly over {@code duration}. */
  FADE("fade"),
  /** Back to the declared safe state; always allowed. */
  SAFE("safe"),
  /** Show a colour (DMX fixtures with colour channels), at once or faded over a duration. */
  COLOR("color");

  private final String configName;

  ActuatorOperation(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }

  /** Whether a reflex action with this operation needs {@code value} (set, pulse, fade). */
  public boolean needsValue() {
    return this == SET || this == PULSE || this == FADE;
  }

  /** Whether a reflex action with this operation needs {@code duration} (pulse, fade). */
  public boolean needsDuration() {
    return this == PULSE || this == FADE;
  }
}
