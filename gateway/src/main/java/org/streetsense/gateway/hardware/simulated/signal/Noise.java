package org.streetsense.gateway.hardware.simulated.signal;

import java.util.Objects;
import java.util.Random;

/**
 * Gaussian noise around a base signal: each sample is {@code base.valueAt(t) + sigma * N(0,1)},
 * drawn sample by sample from a seeded generator (same seed and call sequence, same values).
 */
public final class Noise implements SignalModel {

  private final SignalModel base;
  private final double sigma;
  private final Random random;

  /**
   * @param base the signal to add noise to
   * @param sigma standard deviation, in the signal's unit, >= 0
   * @param seed seeds the generator
   */
  public Noise(SignalModel base, double sigma, long seed) {
    this.base = Objects.requireNonNull(base, "base");
    if (!(sigma >= 0) || !Double.isFinite(sigma)) {
      throw new IllegalArgumentException("sigma must be finite and >= 0, was " + sigma);
    }
    this.sigma = sigma;
    this.random = new Random(seed);
  }

  /** Noise with standard deviation {@code sigma} around a constant. */
  public static Noise around(double value, double sigma, long seed) {
    return new Noise(new Steady(value), sigma, seed);
  }

  @Override
  public synchronized double valueAt(long nanos) {
    return base.valueAt(nanos) + sigma * random.nextGaussian();
  }
}
