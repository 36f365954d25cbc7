package org.streetsense.gateway.board;

import java.util.Objects;
import org.streetsense.gateway.actuator.ActuatorKind;

/**
 * One output pin of a board, as the installation file declares it.
 *
 * @param deviceId the output device's id, which is also its actuator id
 * @param driver the driver name ({@code board-output}, {@code board-pwm}, {@code board-servo})
 * @param boardId the board it is on
 * @param pin the pin name, {@code D9} or {@code A2}
 * @param kind digital, PWM or servo
 * @param role light, sound, motion or switch (from the safety allow-list or the driver's default)
 * @param activeLow whether the device is on while the pin is low (digital: the level is
 *     inverted; PWM: the duty is inverted); always false for a servo
 * @param safeLevel the level driven at open, after every reconnection or reset of the board, at
 *     shutdown and when control is lost: 0 or 1 (digital, PWM), degrees 0..180 (servo)
 */
public record BoardOutputSpec(String deviceId, String driver, String boardId, String pin,
    BoardOutputKind kind, ActuatorKind role, boolean activeLow, double safeLevel) {

  /** A servo's safe angle when the file gives no {@code safeAngle}: the middle, degrees. */
  public static final double DEFAULT_SAFE_ANGLE = 90;

  public BoardOutputSpec {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(boardId, "boardId");
    Objects.requireNonNull(pin, "pin");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(role, "role");
    if (!pin.matches("[AD]\\d{1,2}")) {
      throw new IllegalArgumentException(deviceId + ": not a board pin: " + pin);
    }
    double max = kind == BoardOutputKind.SERVO ? 180 : 1;
    if (!(safeLevel >= 0 && safeLevel <= max)) {
      throw new IllegalArgumentException(deviceId + ": safe level must be 0.." + (int) max
          + ", was " + safeLevel);
    }
    if (kind == BoardOutputKind.SERVO && activeLow) {
      throw new IllegalArgumentException(deviceId + ": a servo has no active level");
    }
  }

  /** The pin number in its bank: 9 for {@code D9}, 2 for {@code A2}. */
  public int pinNumber() {
    return Integer.parseInt(pin.substring(1));
  }

  /** Whether the pin is named as an analog pin ({@code A2}), used as a digital output. */
  public boolean analogName() {
    return pin.startsWith("A");
  }

  /** The physical level of a digital pin that puts the device in logical level {@code level}. */
  public boolean pinHigh(double level) {
    return (level >= 0.5) != activeLow;
  }

  /** The PWM duty 0..255 for logical level {@code level} 0..1, inverted when active low. */
  public int duty(double level) {
    int duty = (int) Math.round(Math.max(0, Math.min(1, level)) * 255);
    return activeLow ? 255 - duty : duty;
  }

  /**
   * The level the pin actually shows for {@code level}: 0 or 1 for an on/off pin, duty/255 for a
   * PWM pin (the logical duty, before any inversion), whole degrees for a servo. The retained state
   * reports this, and {@code safe} is judged on it.
   */
  public double driven(double level) {
    return switch (kind) {
      case DIGITAL -> level >= 0.5 ? 1.0 : 0.0;
      case PWM -> Math.round(Math.max(0, Math.min(1, level)) * 255) / 255.0;
      case SERVO -> angle(level);
    };
  }

  /** The servo angle 0..180 for level {@code level} (degrees). */
  public int angle(double level) {
    return (int) Math.round(Math.max(0, Math.min(180, level)));
  }
}
