package org.streetsense.gateway.channel;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Windowed aggregates of a channel's GOOD samples: at the end of each tumbling window of length
 * {@code window}, one reading {@code <channel>_<function>} per function, in the order count, min,
 * max, mean, sum, last (count even for a window without samples, the others only when it had
 * some).
 *
 * @param window window length, positive
 * @param functions the functions published, not empty ({@code aggregate.functions})
 */
public record AggregateOptions(Duration window, Set<Function> functions) {

  /** A function computed over a window; {@link #suffix()} names its reading. */
  public enum Function {
    COUNT, MIN, MAX, MEAN, SUM, LAST;

    public String suffix() {
      return "_" + name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Count, min, max and mean. */
  public AggregateOptions(Duration window) {
    this(window, EnumSet.of(Function.COUNT, Function.MIN, Function.MAX, Function.MEAN));
  }

  public AggregateOptions {
    Objects.requireNonNull(window, "window");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("aggregate window must be positive, was " + window);
    }
    if (functions.isEmpty()) {
      throw new IllegalArgumentException("aggregate functions must not be empty");
    }
    functions = java.util.Collections.unmodifiableSet(EnumSet.copyOf(functions));
  }
}
