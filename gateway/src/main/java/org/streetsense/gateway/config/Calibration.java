package org.streetsense.gateway.config;

/**
 * Linear calibration applied to a raw value: {@code value = raw * scale + offset}.
 *
 * @param scale multiplier, finite and non-zero (default 1)
 * @param offset added after scaling, in the channel's unit (default 0)
 */
public record Calibration(double scale, double offset) {

  public static final Calibration IDENTITY = new Calibration(1, 0);

  public Calibration {
    if (!Double.isFinite(scale) || scale == 0 || !Double.isFinite(offset)) {
      throw new IllegalArgumentException("scale must be finite and non-zero, offset finite");
    }
  }

  public double apply(double raw) {
    return raw * scale + offset;
  }
}
