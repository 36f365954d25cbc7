package org.streetsense.gateway.channel;

import java.time.Duration;
import java.util.Objects;

/**
 * Counts passers-by per window: each confirmed start of the given presence hysteresis counts one
 * person, and at the end of every tumbling {@code window} a {@code passers_by} event with the
 * count (possibly 0) is published.
 */
public record PassersByOptions(Duration window, HysteresisOptions presence) {

  public PassersByOptions {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(presence, "presence");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("passers-by window must be positive, was " + window);
    }
  }
}
