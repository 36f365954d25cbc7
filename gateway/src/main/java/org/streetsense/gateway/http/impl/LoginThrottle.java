package org.streetsense.gateway.http.impl;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.streetsense.gateway.http.LoginThrottleOptions;

/**
 * Failed-login bookkeeping per client address, with exponential lock-outs (see {@link
 * LoginThrottleOptions}). Thread-safe. At most {@code maxClients} addresses are tracked; when
 * full, records whose lock-out ended are forgotten first, then the tracker refuses everyone new
 * until some expire (fail closed).
 */
final class LoginThrottle {

  private record Entry(int failures, long lockedUntilNanos, long lastFailureNanos) {}

  private final LoginThrottleOptions options;
  private final LongSupplier nanoTime;
  private final int maxClients;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  LoginThrottle(LoginThrottleOptions options, LongSupplier nanoTime, int maxClients) {
    this.options = options;
    this.nanoTime = nanoTime;
    this.maxClients = maxClients;
  }

  /** How long {@code client} must wait before its next attempt; zero if it may try now. */
  Duration retryAfter(String client) {
    Entry e = entries.get(client);
    long now = nanoTime.getAsLong();
    if (e == null) {
      return entries.size() >= maxClients && !evictExpired(now) ? options.baseDelay()
          : Duration.ZERO;
    }
    long wait = e.lockedUntilNanos() - now;
    return wait > 0 ? Duration.ofNanos(wait) : Duration.ZERO;
  }

  /** Records a failed attempt; returns the lock-out it caused (zero if none yet). */
  Duration failure(String client) {
    long now = nanoTime.getAsLong();
    if (entries.size() >= maxClients) {
      evictExpired(now);
    }
    Entry e = entries.merge(client, new Entry(1, now, now), (old, fresh) -> next(old, now));
    return Duration.ofNanos(Math.max(0, e.lockedUntilNanos() - now));
  }

  /** Forgets {@code client}'s failures after a successful login. */
  void success(String client) {
    entries.remove(client);
  }

  /** Number of tracked addresses. */
  int tracked() {
    return entries.size();
  }

  private Entry next(Entry old, long now) {
    int failures = old.failures() + 1;
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

  private boolean evictExpired(long now) {
    long idle = options.maxLockout().toNanos() * 2;
    entries.entrySet().removeIf(en -> en.getValue().lockedUntilNanos() - now <= 0
        && now - en.getValue().lastFailureNanos() > idle);
    return entries.size() < maxClients;
  }
}
