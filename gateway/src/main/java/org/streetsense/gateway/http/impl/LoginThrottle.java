package org.streetsense.gateway.http.impl;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.streetsense.gateway.http.LoginThrottleOptions;

/**
 * Failed-login bookkeeping per client address, with exponential lock-outs (see {@link
 * LoginThrottleOptions}). Thread-safe.
 *
 * <p>Memory is bounded: at most {@code maxClients} addresses are tracked, least recently seen
 * first out. An address that keeps trying stays tracked (every attempt counts as seen); one that
 * was evicted starts afresh. Only the address that failed is ever locked out: a full table never
 * locks out anyone else, so the right token from an address without failures always gets in.
 * A record whose last failure is older than twice {@code maxLockout} is forgotten, so old
 * failures do not lengthen a new lock-out. {@link #retryAfter} is the exact remaining lock-out,
 * which is what {@code Retry-After} announces.
 */
final class LoginThrottle {

  private record Entry(int failures, long lockedUntilNanos, long lastFailureNanos) {}

  private final LoginThrottleOptions options;
  private final LongSupplier nanoTime;
  private final int maxClients;
  private final Map<String, Entry> entries;

  LoginThrottle(LoginThrottleOptions options, LongSupplier nanoTime, int maxClients) {
    this.options = options;
    this.nanoTime = nanoTime;
    this.maxClients = maxClients;
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
        return size() > LoginThrottle.this.maxClients;
      }
    };
  }

  /** How long {@code client} must wait before its next attempt; zero if it may try now. */
  synchronized Duration retryAfter(String client) {
    Entry e = entries.get(client);
    if (e == null) {
      return Duration.ZERO;
    }
    long wait = e.lockedUntilNanos() - nanoTime.getAsLong();
    return wait > 0 ? Duration.ofNanos(wait) : Duration.ZERO;
  }

  /** Records a failed attempt; returns the lock-out it caused (zero if none yet). */
  synchronized Duration failure(String client) {
    long now = nanoTime.getAsLong();
    Entry old = entries.get(client);
    Entry e = next(old == null || forgotten(old, now) ? new Entry(0, now, now) : old, now);
    entries.put(client, e);
    return Duration.ofNanos(Math.max(0, e.lockedUntilNanos() - now));
  }

  /** Forgets {@code client}'s failures after a successful login. */
  synchronized void success(String client) {
    entries.remove(client);
  }

  /** Number of tracked addresses. */
  synchronized int tracked() {
    return entries.size();
  }

  private boolean forgotten(Entry e, long now) {
    return e.lockedUntilNanos() - now <= 0
        && now - e.lastFailureNanos() > options.maxLockout().toNanos() * 2;
  }

  private Entry next(Entry old, long now) {
    int failures = old.failures() == Integer.MAX_VALUE ? old.failures() : old.failures() + 1;
    int over = failures - options.freeAttempts();
    if (over <= 0) {
      return new Entry(failures, now, now);
    }
    long base = options.baseDelay().toNanos();
    long max = options.maxLockout().toNanos();
    long lock = over > 40 ? max : Math.min(max, base << Math.min(over - 1, 40));
    if (lock < 0) {
      lock = max;
    }
    return new Entry(failures, now + lock, now);
  }
}
