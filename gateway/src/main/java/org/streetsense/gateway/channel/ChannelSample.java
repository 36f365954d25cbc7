package org.streetsense.gateway.channel;

import java.util.Objects;
import org.streetsense.gateway.pipeline.Quality;

/**
 * A value moving through a channel's processing stages.
 *
 * @param value value in the channel's unit (after calibration); NaN for FAULT
 * @param quality current quality; stages may only lower it
 * @param monotonicNanos when the value was taken
 */
public record ChannelSample(double value, Quality quality, long monotonicNanos) {

  public ChannelSample {
    Objects.requireNonNull(quality, "quality");
  }

  public ChannelSample withValue(double newValue) {
    return new ChannelSample(newValue, quality, monotonicNanos);
  }

  public ChannelSample withQuality(Quality newQuality) {
    return new ChannelSample(value, newQuality, monotonicNanos);
  }

  public boolean good() {
    return quality == Quality.GOOD;
  }

  /** The lower of the current and the given quality (GOOD > SUSPECT > FAULT). */
  public ChannelSample atMost(Quality q) {
    return q.ordinal() > quality.ordinal() ? withQuality(q) : this;
  }
}
