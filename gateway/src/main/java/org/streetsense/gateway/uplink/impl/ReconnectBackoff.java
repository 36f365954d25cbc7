package org.streetsense.gateway.uplink.impl;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * Jittered exponential backoff for reconnects ("full jitter" above a floor): the n-th delay after
 * the last success (n from 0) is uniform in {@code [min, min(max, min * 2^(n+1))]}. The first
 * retry is jittered too, so a fleet that lost its broker at the same instant does not come back
 * in lock-step even when the broker restarts within {@code min}.
 *
 * <p>Not thread-safe: used by the uplink's control thread only.
 */
public final class ReconnectBackoff {

  private final long minNanos;
  private final long maxNanos;
  private final Random random;
  private int failures;

  public ReconnectBackoff(Duration min, Duration max, Random random) {
    Objects.requireNonNull(min, "min");
    Objects.requireNonNull(max, "max");
    this.random = Objects.requireNonNull(random, "random");
    if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
      throw new IllegalArgumentException("need 0 < min <= max, was min=" + min + " max=" + max);
    }
    this.minNanos = min.toNanos();
    this.maxNanos = max.toNanos();
  }

  /** The delay before the next attempt; each call counts one more failure. */
  public Duration nextDelay() {
    long ceiling = ceiling(failures);
    if (failures < 62) {
      failures++;
    }
    long spread = ceiling - minNanos;
    long jitter = spread == 0 ? 0 : (long) (random.nextDouble() * (spread + 1));
    return Duration.ofNanos(minNanos + Math.min(jitter, spread));
  }

  /** Upper bound of the delay {@link #nextDelay()} returns next. */
  public Duration currentCeiling() {
    return Duration.ofNanos(ceiling(failures));
  }

  /** Forgets past failures after a successful connect. */
  public void reset() {
    failures = 0;
  }

  /** Failures counted since the last reset. */
  public int failures() {
    return failures;
  }

  private long ceiling(int failuresSoFar) {
    int n = failuresSoFar + 1;
    if (n >= 62 || minNanos > (maxNanos >> n)) {
      return maxNanos;
    }
    return Math.min(maxNanos, minNanos << n);
  }
}
