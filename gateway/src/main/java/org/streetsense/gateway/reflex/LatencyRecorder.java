package org.streetsense.gateway.reflex;

import java.time.Duration;
import java.util.Arrays;

/**
 * Keeps the latest {@code capacity} latency samples and answers percentiles over them.
 * Thread-safe; cheap enough for every reflex firing.
 */
public final class LatencyRecorder {

  private final long[] samples;
  private long count;

  public LatencyRecorder(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
    }
    this.samples = new long[capacity];
  }

  public synchronized void record(long nanos) {
    samples[(int) (count % samples.length)] = nanos;
    count++;
  }

  public synchronized long count() {
    return count;
  }

  /** Percentile 0..100 over the retained samples; {@link Duration#ZERO} when there are none. */
  public synchronized Duration percentile(double p) {
    int n = (int) Math.min(count, samples.length);
    if (n == 0) {
      return Duration.ZERO;
    }
    long[] sorted = Arrays.copyOf(samples, n);
    Arrays.sort(sorted);
    int idx = (int) Math.ceil(p / 100.0 * n) - 1;
    return Duration.ofNanos(sorted[Math.max(0, Math.min(n - 1, idx))]);
  }
}
