package org.streetsense.gateway.http.impl;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Dashboard sessions: random 256-bit ids mapped to their expiry, in memory only (a restart logs
 * everyone out). Thread-safe. Bounded: when {@code maxSessions} is reached, expired sessions are
 * dropped, then the oldest.
 */
final class SessionStore {

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Long> expiries = new ConcurrentHashMap<>();
  private final Duration ttl;
  private final LongSupplier nanoTime;
  private final int maxSessions;

  SessionStore(Duration ttl, LongSupplier nanoTime, int maxSessions) {
    this.ttl = ttl;
    this.nanoTime = nanoTime;
    this.maxSessions = maxSessions;
  }

  /** Opens a session and returns its id (URL-safe base64, 43 characters). */
  String open() {
    long now = nanoTime.getAsLong();
    if (expiries.size() >= maxSessions) {
      expiries.values().removeIf(exp -> exp - now <= 0);
      while (expiries.size() >= maxSessions) {
        expiries.entrySet().stream().min(Map.Entry.comparingByValue())
            .ifPresent(oldest -> expiries.remove(oldest.getKey()));
      }
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    expiries.put(id, now + ttl.toNanos());
    return id;
  }

  /** Whether {@code id} names a live session; an expired one is removed. */
  boolean valid(String id) {
    if (id == null) {
      return false;
    }
    Long expiry = expiries.get(id);
    if (expiry == null) {
      return false;
    }
    if (expiry - nanoTime.getAsLong() <= 0) {
      expiries.remove(id);
      return false;
    }
    return true;
  }

  void close(String id) {
    if (id != null) {
      expiries.remove(id);
    }
  }

  Duration ttl() {
    return ttl;
  }
}
