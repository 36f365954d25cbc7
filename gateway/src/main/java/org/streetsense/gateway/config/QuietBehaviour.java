package org.streetsense.gateway.config;

/**
 * What quiet hours do to one actuator, as written under
 * {@code safety.actuators.<id>.quietHours}.
 */
public enum QuietBehaviour implements ConfigName {
  /** Commands above the cap run at the cap ({@code quietLevel}, or the section's light/sound). */
  CAP("cap"),
  /** Only the safe level is allowed during quiet hours. */
  BLOCK("block"),
  /** Quiet hours do not limit the actuator. */
  UNAFFECTED("unaffected");

  private final String configName;

  QuietBehaviour(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }

  /**
   * The behaviour of an actuator that declares none: cap for light, block for sound, unaffected
   * for motion and for switches (a file with quiet hours must choose for each switch).
   */
  public static QuietBehaviour defaultFor(ActuatorRole kind) {
    return switch (kind) {
      case LIGHT -> CAP;
      case SOUND -> BLOCK;
      case MOTION, SWITCH -> UNAFFECTED;
    };
  }
}
