package org.streetsense.gateway.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Throttling of failed logins, per client IP address: after {@code freeAttempts} consecutive
 * failures every further failure locks that address out for {@code baseDelay * 2^(n-1)} (n-th
 * lock-out), capped at {@code maxLockout}. While locked out, every attempt, right or wrong, is
 * answered 429 with {@code Retry-After}. A successful login clears the address's record.
 *
 * @param freeAttempts failures allowed before the first lock-out, {@code >= 1}
 * @param baseDelay first lock-out, positive
 * @param maxLockout longest lock-out, {@code >= baseDelay}
 */
public record LoginThrottleOptions(int freeAttempts, Duration baseDelay, Duration maxLockout) {

  /** 3 free attempts, then 1 s, 2 s, 4 s, ... up to 15 minutes. */
  public static final LoginThrottleOptions DEFAULT =
      new LoginThrottleOptions(3, Duration.ofSeconds(1), Duration.ofMinutes(15));

  public LoginThrottleOptions {
    if (freeAttempts < 1) {
      throw new IllegalArgumentException("freeAttempts must be >= 1, was " + freeAttempts);
    }
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxLockout, "maxLockout");
    if (baseDelay.isNegative() || baseDelay.isZero()) {
      throw new IllegalArgumentException("baseDelay must be positive, was " + baseDelay);
    }
    if (maxLockout.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException(
          "maxLockout " + maxLockout + " must be >= baseDelay " + baseDelay);
    }
  }
}
