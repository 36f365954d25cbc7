package org.streetsense.gateway.hardware;

import java.time.Duration;
import java.util.Objects;

/**
 * Immutable options for a {@link DigitalInput}.
 *
 * @param pin BCM pin number, 0..27
 * @param pull internal bias
 * @param hardwareDebounce debounce applied by the backend (Pi4J gpiod: microseconds resolution);
 *     {@link Duration#ZERO} for none
 */
public record DigitalInputOptions(int pin, PullResistance pull, Duration hardwareDebounce) {

  public DigitalInputOptions {
    if (pin < 0 || pin > 63) {
      throw new IllegalArgumentException("pin must be 0..63, was " + pin);
    }
    Objects.requireNonNull(pull, "pull");
    Objects.requireNonNull(hardwareDebounce, "hardwareDebounce");
    if (hardwareDebounce.isNegative()) {
      throw new IllegalArgumentException("hardwareDebounce must not be negative, was " + hardwareDebounce);
    }
  }

  public static DigitalInputOptions of(int pin) {
    return new DigitalInputOptions(pin, PullResistance.OFF, Duration.ZERO);
  }
}
