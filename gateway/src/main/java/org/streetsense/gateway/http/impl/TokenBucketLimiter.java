package org.streetsense.gateway.http.impl;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.streetsense.gateway.http.RateLimitOptions;
import org.streetsense.gateway.rate.TokenBucket;

/**
 * One {@link TokenBucket} per client address (see {@link RateLimitOptions}). Thread-safe. At most
 * {@code maxClients} buckets are kept; full buckets (idle clients) are dropped first when that
 * bound is reached, and if none is idle the new client shares an overflow bucket. The table is
 * swept for idle buckets at most once per {@link #SWEEP_INTERVAL_NANOS}, so a flood of new
 * addresses costs no more than one sweep a second.
 */
final class TokenBucketLimiter {

  private static final String OVERFLOW = "\0overflow";
  /** Shortest time between two sweeps of a full table: 1 s. */
  static final long SWEEP_INTERVAL_NANOS = 1_000_000_000L;

  private final RateLimitOptions options;
  private final LongSupplier nanoTime;
  private final int maxClients;
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
  private final AtomicLong lastSweep = new AtomicLong();
  private volatile boolean swept;

  TokenBucketLimiter(RateLimitOptions options, LongSupplier nanoTime, int maxClients) {
    this.options = options;
    this.nanoTime = nanoTime;
    this.maxClients = maxClients;
  }

  /**
   * Takes one token for {@code client}.
   *
   * @return zero if the request may proceed, else how long until a token is available
   */
  Duration acquire(String client) {
    long now = nanoTime.getAsLong();
    String key = client;
    if (!buckets.containsKey(client) && buckets.size() >= maxClients) {
      long last = lastSweep.get();
      if (!swept || now - last >= SWEEP_INTERVAL_NANOS) {
        if (lastSweep.compareAndSet(last, now)) {
          swept = true;
          dropFull(now);
        }
      }
      if (buckets.size() >= maxClients) {
        key = OVERFLOW;
      }
    }
    TokenBucket bucket = buckets.computeIfAbsent(key,
        k -> TokenBucket.perSecond(options.perSecond(), options.burst()));
    if (bucket.tryTake(now)) {
      return Duration.ZERO;
    }
    return Duration.ofNanos(bucket.nanosUntilOne(now));
  }

  int tracked() {
    return buckets.size();
  }

  private void dropFull(long now) {
    buckets.values().removeIf(b -> b.isFull(now));
  }
}
