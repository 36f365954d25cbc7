package org.streetsense.gateway.actuator;

/**
 * What an actuator does to the street, which decides how quiet hours treat it.
 */
public enum ActuatorKind {
  /** LEDs, lamps, LED strips: limited during quiet hours. */
  LIGHT,
  /** Speakers, buzzers, solenoid chimes: limited during quiet hours. */
  SOUND,
  /** Servos and motors, a DMX moving head's pan and tilt: not limited during quiet hours by default. */
  MOTION,
  /** Relays and solenoids switching other equipment. */
  SWITCH
}
