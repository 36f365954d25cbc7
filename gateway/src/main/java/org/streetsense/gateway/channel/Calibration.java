package org.streetsense.gateway.channel;

/**
 * Linear calibration: {@code value = raw * scale + offset}. FAULT samples pass through unchanged.
 *
 * @param scale multiplier, finite and non-zero
 * @param offset added after scaling, in the channel's unit
 */
public record Calibration(double scale, double offset) implements SampleStage {

  public static final Calibration IDENTITY = new Calibration(1.0, 0.0);

  public Calibration {
    if (!Double.isFinite(scale) || scale == 0.0) {
      throw new IllegalArgumentException("calibration scale must be finite and non-zero, was " + scale);
    }
    if (!Double.isFinite(offset)) {
      throw new IllegalArgumentException("calibration offset must be finite, was " + offset);
    }
  }

  @Override
  public ChannelSample apply(ChannelSample sample) {
    return sample.withValue(sample.value() * scale + offset);
  }
}
