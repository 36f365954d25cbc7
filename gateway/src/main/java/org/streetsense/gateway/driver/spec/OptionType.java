package org.streetsense.gateway.driver.spec;

/**
 * The type of a driver option as the installation file writes it. The value a driver reads
 * ({@link org.streetsense.gateway.driver.DeviceOptions}) follows from it: durations become
 * milliseconds.
 */
public enum OptionType {
  /** {@code true} or {@code false}. */
  BOOLEAN("boolean"),
  /** A whole number, in the option's unit. */
  INTEGER("integer"),
  /** A finite number, in the option's unit. */
  NUMBER("number"),
  /** A duration with its unit, {@code 20ms}, {@code 30s}; a bare number is refused. */
  DURATION("duration"),
  /** One of a fixed set of words. */
  CHOICE("choice"),
  /** A BCM GPIO pin 0..27 that the device uses besides its own (an IRQ line). */
  GPIO_PIN("GPIO pin");

  private final String label;

  OptionType(String label) {
    this.label = label;
  }

  /** How the docs name the type. */
  public String label() {
    return label;
  }
}
