package org.streetsense.gateway.driver;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential backoff between attempts to re-open a faulty device: {@code initial},
 * {@code initial * multiplier}, ... capped at {@code max}.
 */
public record RetryBackoff(Duration initial, Duration max, double multiplier) {

  public static final RetryBackoff DEFAULT =
      new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 2.0);

  public RetryBackoff {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("backoff initial must be positive, was " + initial);
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("backoff max " + max + " must be >= initial " + initial);
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("backoff multiplier must be >= 1, was " + multiplier);
    }
  }

  /** Delay before retry number {@code attempt} (1 for the first retry). */
  public Duration delay(int attempt) {
    double nanos = initial.toNanos() * Math.pow(multiplier, Math.max(0, attempt - 1));
    return nanos >= max.toNanos() ? max : Duration.ofNanos((long) nanos);
  }
}
