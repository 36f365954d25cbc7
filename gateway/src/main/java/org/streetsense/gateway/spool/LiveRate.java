package org.streetsense.gateway.spool;

/**
 * The rate of a growing counter (observations appended to the spool), smoothed exponentially
 * over samples: each new sample weighs {@code 0.5}, so a change in the installation's rate is
 * followed within a few samples. Not thread-safe (one forwarder context uses it).
 */
final class LiveRate {

  private static final double WEIGHT = 0.5;
  private long lastCount = -1;
  private long lastNanos;
  private double perSecond;

  /**
   * Records the counter's value at a monotonic time.
   *
   * @param count the counter, never decreasing
   * @param nanos monotonic nanoseconds
   * @return the smoothed rate, per second (0 until two samples were taken)
   */
  double sample(long count, long nanos) {
    if (lastCount >= 0 && nanos > lastNanos && count >= lastCount) {
      double current = (count - lastCount) * 1e9 / (nanos - lastNanos);
      perSecond = perSecond == 0 ? current : (1 - WEIGHT) * perSecond + WEIGHT * current;
    }
    lastCount = count;
    lastNanos = nanos;
    return perSecond;
  }

  /** The smoothed rate, per second. */
  double perSecond() {
    return perSecond;
  }
}
