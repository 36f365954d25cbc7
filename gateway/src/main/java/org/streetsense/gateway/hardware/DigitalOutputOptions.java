package org.streetsense.gateway.hardware;

/**
 * Immutable options for a {@link DigitalOutput}.
 *
 * @param pin BCM pin number
 * @param initialState level driven when the output is opened
 * @param shutdownState level driven when the output is closed or control is lost
 */
public record DigitalOutputOptions(int pin, boolean initialState, boolean shutdownState) {

  public DigitalOutputOptions {
    if (pin < 0 || pin > 63) {
      throw new IllegalArgumentException("pin must be 0..63, was " + pin);
    }
  }

  /** An output that starts low and falls back to low. */
  public static DigitalOutputOptions lowWhenIdle(int pin) {
    return new DigitalOutputOptions(pin, false, false);
  }
}
