package org.streetsense.gateway.hardware;

import java.util.List;
import java.util.OptionalInt;

/**
 * The Raspberry Pi's hardware PWM pins. BCM 12, 13, 18 and 19 can carry the SoC's PWM (ALT0 on
 * 12/13, ALT5 on 18/19); on a Pi 1-4 they share two channels of pwmchip0 (12 and 18 are channel
 * 0, 13 and 19 channel 1, enabled with {@code dtoverlay=pwm-2chan,pin=18,func=2,pin2=19,func2=2}
 * or {@code pin=12,func=4,pin2=13,func2=4}); on a Pi 5 each has its own channel of the RP1's
 * PWM chip (12 = 0, 13 = 1, 18 = 2, 19 = 3), given with the led's {@code pwmChannel} option.
 */
public final class PwmPins {

  /** The BCM pins with hardware PWM, ascending. */
  public static final List<Integer> PINS = List.of(12, 13, 18, 19);

  private PwmPins() {}

  /** Whether BCM {@code pin} can carry hardware PWM. */
  public static boolean hasPwm(int pin) {
    return PINS.contains(pin);
  }

  /** The pwmchip0 channel of {@code pin} on a Pi 1-4; empty for a pin without PWM. */
  public static OptionalInt defaultChannel(int pin) {
    return switch (pin) {
      case 12, 18 -> OptionalInt.of(0);
      case 13, 19 -> OptionalInt.of(1);
      default -> OptionalInt.empty();
    };
  }
}
