package org.streetsense.gateway.safety;

import java.util.Objects;
import org.streetsense.gateway.actuator.ActuatorKind;

/**
 * What quiet hours do to one actuator ({@code safety.actuators.<id>.quietHours}).
 *
 * @param mode cap, block or unaffected
 * @param cap the highest level allowed during quiet hours with {@link Mode#CAP}, 0..1 (0 = off);
 *     ignored by the other modes
 */
public record QuietRule(Mode mode, double cap) {

  /** The three quiet-hours behaviours. */
  public enum Mode {
    /** Commands above the cap run at the cap; a level above it when quiet hours begin is lowered. */
    CAP,
    /** Only the safe level is allowed; an output away from it when quiet hours begin goes safe. */
    BLOCK,
    /** Quiet hours do not limit the actuator. */
    UNAFFECTED
  }

  public QuietRule {
    Objects.requireNonNull(mode, "mode");
    if (mode == Mode.CAP && !(cap >= 0 && cap <= 1)) {
      throw new IllegalArgumentException("quiet-hours cap must be 0..1, was " + cap);
    }
  }

  public static QuietRule cap(double level) {
    return new QuietRule(Mode.CAP, level);
  }

  public static QuietRule block() {
    return new QuietRule(Mode.BLOCK, 0);
  }

  public static QuietRule unaffected() {
    return new QuietRule(Mode.UNAFFECTED, 1);
  }

  /**
   * The rule for an actuator that declares none: lights capped at the section's light level,
   * sound blocked, switches blocked (the file must choose; this is the safe side for code that
   * builds a policy by hand), motion unaffected.
   */
  public static QuietRule defaultFor(ActuatorKind kind, QuietHours hours) {
    return switch (kind) {
      case LIGHT -> cap(hours.lightLimit());
      case SOUND, SWITCH -> block();
      case MOTION -> unaffected();
    };
  }
}
