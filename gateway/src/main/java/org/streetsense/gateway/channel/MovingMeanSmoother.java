package org.streetsense.gateway.channel;

import java.util.ArrayDeque;

/** Mean of the last N GOOD samples; other samples pass through and do not enter the window. */
final class MovingMeanSmoother implements SampleStage {

  private final int window;
  private final ArrayDeque<Double> values = new ArrayDeque<>();
  private double sum;

  MovingMeanSmoother(int window) {
    this.window = window;
  }

  @Override
  public ChannelSample apply(ChannelSample sample) {
    if (!sample.good()) {
      return sample;
    }
    values.addLast(sample.value());
    sum += sample.value();
    if (values.size() > window) {
      sum -= values.removeFirst();
    }
    return sample.withValue(sum / values.size());
  }
}
