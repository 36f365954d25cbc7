package org.streetsense.gateway.hardware.simulated.signal;

/**
 * A physical quantity over time, for chip models and rigs to sample: light, temperature, noise
 * level, presence. Random models are seeded: two instances built with the same parameters and seed,
 * sampled at the same times, return identical values.
 *
 * <p>Time is in nanoseconds on whatever axis the caller chooses (usually the backend's monotonic
 * clock; {@link DayCycle} wants wall-clock nanoseconds). Stateful models ({@link Noise},
 * {@link RandomWalk}, {@link PoissonArrivals}) expect non-decreasing times; a time earlier than the
 * last one is treated as the last one. Implementations are thread-safe.
 */
@FunctionalInterface
public interface SignalModel {

  /** The value at {@code nanos}. */
  double valueAt(long nanos);

  /** A constant value. */
  static SignalModel steady(double value) {
    return new Steady(value);
  }
}
