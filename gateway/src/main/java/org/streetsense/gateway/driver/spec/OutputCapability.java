package org.streetsense.gateway.driver.spec;

/** What an output can do with a command's value. */
public enum OutputCapability {
  /** Fully on or fully off (a GPIO pin, a relay): levels 0 and 1 only. */
  ON_OFF("on/off"),
  /** Any level 0..1 (PWM duty cycle). */
  DIMMABLE("dimmable 0..1"),
  /** A servo angle in degrees. */
  ANGLE("angle");

  private final String label;

  OutputCapability(String label) {
    this.label = label;
  }

  /** How the docs name it. */
  public String label() {
    return label;
  }
}
