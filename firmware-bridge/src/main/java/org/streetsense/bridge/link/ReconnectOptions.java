package org.streetsense.bridge.link;

import java.time.Duration;
import java.util.Objects;

/**
 * Backoff for {@link ReconnectingLink}: the first retry waits {@code minBackoff}, each failed
 * attempt doubles the wait up to {@code maxBackoff}; a successful open resets it.
 */
public record ReconnectOptions(Duration minBackoff, Duration maxBackoff) {

  public static final ReconnectOptions DEFAULT =
      new ReconnectOptions(Duration.ofMillis(250), Duration.ofSeconds(10));

  public ReconnectOptions {
    Objects.requireNonNull(minBackoff, "minBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (minBackoff.isNegative() || minBackoff.isZero()) {
      throw new IllegalArgumentException("minBackoff must be positive, was " + minBackoff);
    }
    if (maxBackoff.compareTo(minBackoff) < 0) {
      throw new IllegalArgumentException(
          "maxBackoff must be at least minBackoff (" + minBackoff + "), was " + maxBackoff);
    }
  }
}
