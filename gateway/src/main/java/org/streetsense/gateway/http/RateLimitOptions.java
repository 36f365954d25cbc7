package org.streetsense.gateway.http;

/**
 * Token-bucket rate limit of the public endpoints, per client IP address: a bucket holds up to
 * {@code burst} requests and refills at {@code perSecond}; a request finding it empty is answered
 * 429 with {@code Retry-After}.
 *
 * @param burst bucket size, {@code >= 1}
 * @param perSecond refill rate in requests per second, positive
 */
public record RateLimitOptions(int burst, double perSecond) {

  /** Bursts of 30, then 1 request per second sustained. */
  public static final RateLimitOptions DEFAULT = new RateLimitOptions(30, 1.0);

  /**
   * {@code requests} per {@code period} as a bucket of {@code requests} refilling evenly over
   * {@code period}: {@code 60/min} allows 60 at once, then one a second.
   */
  public static RateLimitOptions per(int requests, java.time.Duration period) {
    if (period == null || period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period must be positive, was " + period);
    }
    return new RateLimitOptions(requests, requests * 1e9 / period.toNanos());
  }

  public RateLimitOptions {
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be >= 1, was " + burst);
    }
    if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException("perSecond must be positive, was " + perSecond);
    }
  }
}
