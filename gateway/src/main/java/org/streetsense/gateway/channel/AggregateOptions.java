package org.streetsense.gateway.channel;

import java.time.Duration;
import java.util.Objects;

/**
 * Windowed aggregates of a channel's GOOD samples: at the end of each tumbling window of length
 * {@code window}, readings {@code <channel>_count}, {@code _min}, {@code _max} and {@code _mean}
 * are published (min/max/mean only when the window had samples; count always).
 */
public record AggregateOptions(Duration window) {

  public AggregateOptions {
    Objects.requireNonNull(window, "window");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("aggregate window must be positive, was " + window);
    }
  }
}
