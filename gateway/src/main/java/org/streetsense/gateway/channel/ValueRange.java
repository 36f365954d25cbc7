package org.streetsense.gateway.channel;

import org.streetsense.gateway.pipeline.Quality;

/**
 * The plausible range of a channel, in its unit (after calibration). A value outside it, or not a
 * number, is flagged {@link Quality#SUSPECT} so it is never published as truth; smoothing,
 * aggregates and interaction detectors ignore it.
 *
 * <p>The one range type of a channel, used by the installation file's model and the pipeline
 * alike. {@code min} must be below {@code max}: a range of one value would flag every other
 * reading as suspect, which is a typo rather than an intent, and {@code validate} refuses it in the
 * file with its line (decision 0330).
 *
 * @param min lowest plausible value (inclusive)
 * @param max highest plausible value (inclusive), greater than {@code min}
 */
public record ValueRange(double min, double max) implements SampleStage {

  public ValueRange {
    if (!(min < max)) {
      throw new IllegalArgumentException("range min " + min + " must be below max " + max);
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
