package org.streetsense.gateway.status;

import java.time.Instant;
import java.util.Objects;

/**
 * Summary of the usable readings (quality not FAULT, value not NaN) of one channel in a window.
 *
 * @param from window start, inclusive
 * @param to window end, exclusive
 * @param count number of usable readings; when 0, {@code min}, {@code max} and {@code mean} are
 *     NaN
 * @param min smallest value
 * @param max largest value
 * @param mean arithmetic mean
 */
public record Aggregate(Instant from, Instant to, long count, double min, double max, double mean) {

  public Aggregate {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, was " + count);
    }
  }

  /** An aggregate of no readings. */
  public static Aggregate empty(Instant from, Instant to) {
    return new Aggregate(from, to, 0, Double.NaN, Double.NaN, Double.NaN);
  }
}
