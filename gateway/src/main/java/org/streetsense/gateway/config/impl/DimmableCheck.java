package org.streetsense.gateway.config.impl;

import java.util.Map;
import java.util.OptionalInt;
import org.streetsense.gateway.config.Connection;
import org.streetsense.gateway.config.DeviceSpec;
import org.streetsense.gateway.driver.led.LedDescriptor;
import org.streetsense.gateway.hardware.PwmPins;

/**
 * The options that make a GPIO {@code led} dimmable ({@code dimmable}, {@code frequency},
 * {@code pwmChannel}), checked against what the Pi can do: only a hardware-PWM pin (BCM 12, 13,
 * 18, 19) dims, a relay never does, and two dimmable leds cannot share one PWM channel.
 */
final class DimmableCheck {

  /** Highest PWM frequency accepted, in hertz (the Pi's PWM clock allows far more; LEDs need less). */
  static final int MAX_FREQUENCY_HZ = 100_000;

  private DimmableCheck() {}

  /**
   * Reports what is wrong with the dimming options of {@code device} (declared at {@code map});
   * returns the PWM channel a valid dimmable led uses, empty otherwise.
   */
  static OptionalInt check(Problems problems, YamlMap map, DeviceSpec device) {
    Map<String, Object> options = device.options();
    YamlNode optionsNode = map.get("options");
    if (!(optionsNode instanceof YamlMap o) || !options.containsKey("dimmable")) {
      return OptionalInt.empty();
    }
    Object value = options.get("dimmable");
    if (!(value instanceof Boolean dimmable)) {
      problems.at(o.get("dimmable"), "dimmable must be true or false, was '" + value + "'");
      return OptionalInt.empty();
    }
    if (!dimmable) {
      return OptionalInt.empty();
    }
    if (device.driver() != LedDescriptor.DESCRIPTOR) {
      problems.at(o.get("dimmable"), "a " + device.driver().configName() + " is on or off and "
          + "cannot dim; dimmable is for a led on a hardware-PWM pin (12, 13, 18 or 19)");
      return OptionalInt.empty();
    }
    int pin = ((Connection.Gpio) device.connection()).pin();
    if (!PwmPins.hasPwm(pin)) {
      problems.at(o.get("dimmable"), "led '" + device.id() + "' on BCM pin " + pin + " cannot dim: "
          + "only pins 12, 13, 18 and 19 have hardware PWM; move it to one of them, or use a "
          + "pca9685 channel");
      return OptionalInt.empty();
    }
    boolean ok = true;
    if (options.containsKey("frequency")) {
      Object f = options.get("frequency");
      if (!(f instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
          || n.longValue() < 1 || n.longValue() > MAX_FREQUENCY_HZ) {
        problems.at(o.get("frequency"), "frequency is the PWM frequency in hertz, a whole number "
            + "1.." + MAX_FREQUENCY_HZ + " (e.g. frequency: 1000), was '" + f + "'");
        ok = false;
      }
    }
    int channel = PwmPins.defaultChannel(pin).orElseThrow();
    if (options.containsKey("pwmChannel")) {
      Object c = options.get("pwmChannel");
      if (!(c instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
          || n.longValue() < 0 || n.longValue() > 3) {
        problems.at(o.get("pwmChannel"), "pwmChannel is the channel of the PWM chip, 0..3 "
            + "(on a Pi 5: 12 = 0, 13 = 1, 18 = 2, 19 = 3), was '" + c + "'");
        ok = false;
      } else {
        channel = n.intValue();
      }
    }
    return ok ? OptionalInt.of(channel) : OptionalInt.empty();
  }
}
