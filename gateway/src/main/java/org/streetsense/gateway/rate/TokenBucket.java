package org.streetsense.gateway.rate;

import java.time.Duration;

/**
 * The gateway's one token bucket: at most {@code capacity} tokens, refilled continuously at
 * {@code tokensPerPeriod} per {@code period}. It starts full. Used for the safety policy's
 * commands per minute, the spool forwarder's pace and the public HTTP rate limit.
 *
 * <p>Time is passed in on every call as monotonic nanoseconds ({@code TimeSource.monotonicNanos()}
 * or {@link System#nanoTime()}), so tests drive it with a virtual clock; a time earlier than the
 * last one seen refills nothing. Tokens may be overdrawn with {@link #take(long, long)}, which
 * delays the next grant. Refill is computed as {@code elapsed * tokensPerPeriod / period}, so an
 * exact period earns an exact number of tokens. Thread-safe: every method synchronises on the
 * bucket and none blocks.
 */
public final class TokenBucket {

  private final double capacity;
  private double tokensPerPeriod;
  private final double periodNanos;
  private double tokens;
  private long lastNanos;
  private boolean started;

  /**
   * A bucket of {@code capacity} tokens that refills {@code tokensPerPeriod} every {@code period}.
   *
   * @throws IllegalArgumentException if the capacity is below 1, the rate not above 0 or the
   *     period not positive
   */
  public TokenBucket(double capacity, double tokensPerPeriod, Duration period) {
    if (!(capacity >= 1)) {
      throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
    }
    if (period.isZero() || period.isNegative()) {
      throw new IllegalArgumentException("period must be positive, was " + period);
    }
    checkRate(tokensPerPeriod);
    this.capacity = capacity;
    this.tokensPerPeriod = tokensPerPeriod;
    this.periodNanos = period.toNanos();
    this.tokens = capacity;
  }

  /** {@code capacity} tokens per {@code period}, at most {@code capacity} stored. */
  public static TokenBucket perPeriod(int capacity, Duration period) {
    return new TokenBucket(capacity, capacity, period);
  }

  /** {@code ratePerSecond} tokens per second, at most {@code capacity} stored. */
  public static TokenBucket perSecond(double ratePerSecond, double capacity) {
    return new TokenBucket(capacity, ratePerSecond, Duration.ofSeconds(1));
  }

  /** Takes one token if a whole one is available; otherwise takes nothing. */
  public synchronized boolean tryTake(long nowNanos) {
    refill(nowNanos);
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /** Takes {@code n} tokens unconditionally (the bucket may go negative). */
  public synchronized void take(long n, long nowNanos) {
    refill(nowNanos);
    tokens -= n;
  }

  /** Whole tokens available now (0 while overdrawn). */
  public synchronized long available(long nowNanos) {
    refill(nowNanos);
    return Math.max(0, (long) Math.floor(tokens));
  }

  /** Nanoseconds until at least one whole token is available (0 if one is). */
  public long nanosUntilOne(long nowNanos) {
    return nanosUntil(1, nowNanos);
  }

  /**
   * Nanoseconds until at least {@code n} whole tokens are available (0 if they are). With
   * {@code n} above the capacity that never happens; the time until the bucket is full is given.
   */
  public synchronized long nanosUntil(long n, long nowNanos) {
    refill(nowNanos);
    double wanted = Math.min(n, capacity);
    return tokens >= wanted ? 0
        : (long) Math.ceil((wanted - tokens) * periodNanos / tokensPerPeriod);
  }

  /** Whether the bucket holds its full capacity (nobody has used it for a while). */
  public synchronized boolean isFull(long nowNanos) {
    refill(nowNanos);
    return tokens >= capacity;
  }

  /**
   * Changes the refill rate from now on; tokens earned so far were earned at the old rate.
   *
   * @param tokensPerPeriod tokens per this bucket's period, greater than 0
   */
  public synchronized void rate(double tokensPerPeriod, long nowNanos) {
    checkRate(tokensPerPeriod);
    refill(nowNanos);
    this.tokensPerPeriod = tokensPerPeriod;
  }

  private void refill(long nowNanos) {
    if (!started) {
      started = true;
      lastNanos = nowNanos;
      return;
    }
    long elapsed = nowNanos - lastNanos;
    if (elapsed > 0) {
      tokens = Math.min(capacity, tokens + elapsed * tokensPerPeriod / periodNanos);
      lastNanos = nowNanos;
    }
  }

  private static void checkRate(double tokensPerPeriod) {
    if (!(tokensPerPeriod > 0)) {
      throw new IllegalArgumentException("rate must be > 0, was " + tokensPerPeriod);
    }
  }
}
