package org.streetsense.gateway.hardware.simulated.signal;

/** A constant signal, for calibration rigs and for a base that {@link Noise} jitters around. */
public record Steady(double value) implements SignalModel {

  public Steady {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite, was " + value);
    }
  }

  @Override
  public double valueAt(long nanos) {
    return value;
  }
}
