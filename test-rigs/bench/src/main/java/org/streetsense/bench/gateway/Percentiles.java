package org.streetsense.bench.gateway;

import java.util.Arrays;

/**
 * Nearest-rank percentiles of latency samples in nanoseconds.
 *
 * @param count samples
 * @param p50Millis median in ms
 * @param p99Millis 99th percentile in ms
 * @param maxMillis largest sample in ms
 */
public record Percentiles(int count, double p50Millis, double p99Millis, double maxMillis) {

  public static Percentiles of(long[] nanos, int n) {
    if (n == 0) {
      return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN);
    }
    long[] s = Arrays.copyOf(nanos, n);
    Arrays.sort(s);
    return new Percentiles(n, rank(s, 0.50), rank(s, 0.99), s[n - 1] / 1e6);
  }

  private static double rank(long[] sorted, double p) {
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }
}
