package org.streetsense.gateway.channel;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Median of the last N GOOD samples (the mean of the two middle ones for an even count); other
 * samples pass through and do not enter the window. A single spike never reaches the output of a
 * window of 3 or more. N is at most 100 (the loader's bound), so sorting a copy per sample is
 * cheap.
 */
final class MovingMedianSmoother implements SampleStage {

  private final int window;
  private final ArrayDeque<Double> values = new ArrayDeque<>();

  MovingMedianSmoother(int window) {
    this.window = window;
  }

  @Override
  public ChannelSample apply(ChannelSample sample) {
    if (!sample.good()) {
      return sample;
    }
    values.addLast(sample.value());
    if (values.size() > window) {
      values.removeFirst();
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int n = sorted.length;
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    return sample.withValue(median);
  }
}
