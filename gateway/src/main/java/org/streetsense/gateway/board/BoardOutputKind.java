package org.streetsense.gateway.board;

/** What a board output pin drives, from the device's driver. */
public enum BoardOutputKind {
  /** On/off ({@code board-output}): level 0 or 1, the pin high or low (through the active level). */
  DIGITAL,
  /** Dimmable ({@code board-pwm}): level 0..1 as a PWM duty 0..255 (inverted when active low). */
  PWM,
  /** A hobby servo ({@code board-servo}, StandardFirmata only): level = angle 0..180 degrees. */
  SERVO
}
