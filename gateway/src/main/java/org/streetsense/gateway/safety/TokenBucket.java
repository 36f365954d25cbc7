package org.streetsense.gateway.safety;

import java.time.Duration;

/**
 * A token bucket: {@code capacity} tokens, refilled continuously at {@code capacity} per
 * {@code period}. Time is passed in (monotonic nanoseconds) so tests control it. Thread-safe.
 */
public final class TokenBucket {

  private final double capacity;
  private final double tokensPerNano;
  private double tokens;
  private long lastNanos;
  private boolean started;

  public TokenBucket(int capacity, Duration period) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
    }
    if (period.isZero() || period.isNegative()) {
      throw new IllegalArgumentException("period must be positive, was " + period);
    }
    this.capacity = capacity;
    this.tokensPerNano = capacity / (double) period.toNanos();
    this.tokens = capacity;
  }

  /** Takes one token if available. */
  public synchronized boolean tryTake(long nowNanos) {
    if (!started) {
      lastNanos = nowNanos;
      started = true;
    }
    long elapsed = Math.max(0, nowNanos - lastNanos);
    tokens = Math.min(capacity, tokens + elapsed * tokensPerNano);
    lastNanos = nowNanos;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
