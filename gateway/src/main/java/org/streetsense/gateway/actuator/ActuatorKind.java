package org.streetsense.gateway.actuator;

/**
 * What an actuator does to the street, which decides how quiet hours treat it.
 */
public enum ActuatorKind {
  /** LEDs, lamps, LED strips: limited during quiet hours. */
  LIGHT,
  /** Speakers, buzzers, solenoid chimes: limited during quiet hours. */
  SOUND,
  /** Servos and motors. */
  MOTION,
  /** Relays and solenoids switching other equipment. */
  SWITCH;

  /**
   * Whether quiet hours limit this kind by default (lights are capped, sound is blocked); each
   * actuator may declare its own behaviour ({@link org.streetsense.gateway.safety.QuietRule}).
   */
  public boolean affectedByQuietHours() {
    return this == LIGHT || this == SOUND;
  }
}
