package org.streetsense.gateway.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Aggregation of a channel over fixed windows, published instead of every sample.
 *
 * @param window window length, at least 1s
 * @param functions functions computed per window, not empty (default mean, min, max)
 */
public record Aggregate(Duration window, Set<AggregateFunction> functions) {

  public Aggregate {
    Objects.requireNonNull(window, "window");
    functions = Set.copyOf(functions);
    if (functions.isEmpty()) {
      throw new IllegalArgumentException("functions must not be empty");
    }
  }
}
