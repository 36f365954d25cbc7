package org.streetsense.gateway.channel;

import org.streetsense.gateway.pipeline.Quality;

/**
 * Flags a channel as {@link Quality#SUSPECT} once it repeats exactly the same value for
 * {@code samples} consecutive samples: real analog sensors always jitter in their last bits, a
 * frozen ADC or a latched register does not. Use only on noisy channels (not on touch bits).
 */
public final class StuckCheck implements SampleStage {

  private final int samples;
  private double last = Double.NaN;
  private int repeats;

  /** @param samples identical consecutive samples that count as stuck, at least 2 */
  public StuckCheck(int samples) {
    if (samples < 2) {
      throw new IllegalArgumentException("stuck samples must be >= 2, was " + samples);
    }
    this.samples = samples;
  }

  @Override
  public ChannelSample apply(ChannelSample sample) {
    if (sample.quality() == Quality.FAULT) {
      repeats = 0;
      last = Double.NaN;
      return sample;
    }
    if (Double.compare(sample.value(), last) == 0) {
      repeats++;
    } else {
      repeats = 1;
      last = sample.value();
    }
    return repeats >= samples ? sample.atMost(Quality.SUSPECT) : sample;
  }
}
