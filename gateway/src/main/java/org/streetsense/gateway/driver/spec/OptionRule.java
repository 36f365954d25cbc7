package org.streetsense.gateway.driver.spec;

import java.util.Objects;

/**
 * A rule between two options of one device that the hardware or the driver needs: {@code larger}
 * must be greater than {@code smaller} (a button's hold longer than its debounce, a servo's
 * maximum pulse longer than its minimum). Both are compared with their defaults filled in.
 */
public record OptionRule(String larger, String smaller) {

  public OptionRule {
    Objects.requireNonNull(larger, "larger");
    Objects.requireNonNull(smaller, "smaller");
  }

  /** {@code larger} must be greater than {@code smaller}. */
  public static OptionRule greater(String larger, String smaller) {
    return new OptionRule(larger, smaller);
  }
}
