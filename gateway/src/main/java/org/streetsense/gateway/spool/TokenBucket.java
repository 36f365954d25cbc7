package org.streetsense.gateway.spool;

import org.streetsense.gateway.clock.TimeSource;


/**
 * Token bucket on the monotonic clock: {@code ratePerSecond} tokens per second, at most
 * {@code capacity} stored; the rate can change while running ({@link #rate(double)}). Not
 * thread-safe (one forwarder context uses it).
 */
public final class TokenBucket {

  private final TimeSource time;
  private double ratePerNano;
  private final double capacity;
  private double tokens;
  private long last;

  public TokenBucket(TimeSource time, double ratePerSecond, int capacity) {
    this.time = time;
    this.ratePerNano = ratePerSecond / 1e9;
    this.capacity = capacity;
    this.tokens = capacity;
    this.last = time.monotonicNanos();
  }

  /**
   * Changes the refill rate from now on; tokens earned so far were earned at the old rate.
   *
   * @param ratePerSecond tokens per second, greater than 0
   */
  public void rate(double ratePerSecond) {
    if (!(ratePerSecond > 0)) {
      throw new IllegalArgumentException("ratePerSecond must be > 0, was " + ratePerSecond);
    }
    refill();
    ratePerNano = ratePerSecond / 1e9;
  }

  /** Whole tokens available now (0 while overdrawn). */
  public long available() {
    refill();
    return Math.max(0, (long) Math.floor(tokens));
  }

  /** Takes {@code n} tokens (may go negative, which delays the next grant). */
  public void take(long n) {
    refill();
    tokens -= n;
  }

  /** Nanoseconds until at least one whole token is available (0 if one is). */
  public long nanosUntilOne() {
    refill();
    return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / ratePerNano);
  }

  private void refill() {
    long now = time.monotonicNanos();
    tokens = Math.min(capacity, tokens + (now - last) * ratePerNano);
    last = now;
  }
}
