package org.streetsense.gateway.config;

/**
 * What an actuator does to the street, as written under {@code safety.actuators.<id>.kind}; it
 * decides how quiet hours treat the actuator and which levels are valid.
 */
public enum ActuatorRole implements ConfigName {
  /** LEDs and lamps, level 0..1; limited during quiet hours. */
  LIGHT("light"),
  /** Speakers, buzzers, chimes, level 0..1; limited during quiet hours. */
  SOUND("sound"),
  /** Servos and motors, position in degrees 0..180. */
  MOTION("motion"),
  /** Relays and solenoids, level 0..1. */
  SWITCH("switch");

  private final String configName;

  ActuatorRole(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }

  /** Highest level a range may declare: 180 (degrees) for motion, 1 for the others. */
  public double maxLevel() {
    return this == MOTION ? 180 : 1;
  }
}
