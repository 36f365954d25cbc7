package org.streetsense.gateway.channel;

/** Exponential moving average of GOOD samples; other samples pass through and do not update it. */
final class EmaSmoother implements SampleStage {

  private final double alpha;
  private double state = Double.NaN;

  EmaSmoother(double alpha) {
    this.alpha = alpha;
  }

  @Override
  public ChannelSample apply(ChannelSample sample) {
    if (!sample.good()) {
      return sample;
    }
    state = Double.isNaN(state) ? sample.value() : state + alpha * (sample.value() - state);
    return sample.withValue(state);
  }
}
