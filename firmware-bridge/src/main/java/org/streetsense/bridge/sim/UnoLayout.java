package org.streetsense.bridge.sim;

import java.util.Set;

/**
 * The pins of an Arduino Uno as the simulated board presents them: D0/D1 are the serial port and
 * unusable, D2..D13 digital (PWM on 3, 5, 6, 9, 10, 11), A0..A5 are pins 14..19 and analog
 * channels 0..5; the HC-SR04 ranger is channel {@link #HCSR04} (Streetsense protocol only), wired
 * to D7 (trigger) and D8 (echo) as in the reference sketch, which therefore does not offer D7/D8.
 */
public final class UnoLayout {

  public static final int FIRST_PIN = 2;
  public static final int PIN_COUNT = 20;
  public static final int FIRST_ANALOG_PIN = 14;
  public static final int HCSR04 = 100;
  public static final int HCSR04_TRIG = 7;
  public static final int HCSR04_ECHO = 8;
  public static final Set<Integer> PWM_PINS = Set.of(3, 5, 6, 9, 10, 11);

  private UnoLayout() {}

  public static boolean isPin(int pin) {
    return pin >= FIRST_PIN && pin < PIN_COUNT;
  }

  public static boolean isAnalogPin(int pin) {
    return pin >= FIRST_ANALOG_PIN && pin < PIN_COUNT;
  }

  /** "D13", "A0". */
  public static String name(int pin) {
    return isAnalogPin(pin) ? "A" + (pin - FIRST_ANALOG_PIN) : "D" + pin;
  }
}
