package org.streetsense.gateway.channel;

import org.streetsense.gateway.pipeline.Quality;

/**
 * The plausible range of a channel, in its unit (after calibration). A value outside it, or not a
 * number, is flagged {@link Quality#SUSPECT} so it is never published as truth; smoothing,
 * aggregates and interaction detectors ignore it.
 *
 * @param min lowest plausible value (inclusive)
 * @param max highest plausible value (inclusive)
 */
public record ValueRange(double min, double max) implements SampleStage {

  public ValueRange {
    if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
      throw new IllegalArgumentException("range min " + min + " must be <= max " + max);
    }
  }

  public boolean contains(double value) {
    return value >= min && value <= max;
  }

  @Override
  public ChannelSample apply(ChannelSample sample) {
    if (sample.quality() == Quality.FAULT || contains(sample.value())) {
      return sample;
    }
    return sample.atMost(Quality.SUSPECT);
  }
}
