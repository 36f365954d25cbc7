package org.streetsense.gateway.status;

import java.util.Locale;

/**
 * What kind of thing a channel senses. The citizens' page uses it to explain, generated from the
 * channel list, what is and is not collected (for example that a microphone channel is only a
 * loudness level).
 */
public enum SensingKind {
  /** Temperature, humidity, pressure, gases, particulate matter. */
  AIR,
  /** Ambient light level. */
  LIGHT,
  /** Loudness envelope from a microphone, never audio. */
  SOUND_LEVEL,
  /** Presence or motion (PIR, radar, time-of-flight), never identity. */
  PRESENCE,
  /** Touch electrodes and buttons on the installation. */
  TOUCH,
  /** Distance to the nearest object (ultrasonic, time-of-flight). */
  DISTANCE,
  /** The installation's own state: supply voltage, enclosure temperature, actuators. */
  INSTALLATION,
  /** Anything else. */
  OTHER;

  /** Lower-case wire name used in JSON. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
