package org.streetsense.gateway.hardware.simulated.signal;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * A bounded random walk (drifting air quality, slowly changing noise floor). Between two samples
 * the value moves by a gaussian step whose standard deviation is {@code stepSigma} per
 * {@code step} of elapsed time, scaled by the square root of the elapsed time; it is reflected
 * back into [{@code min}, {@code max}], so it never leaves the bounds.
 */
public final class RandomWalk implements SignalModel {

  private final double min;
  private final double max;
  private final double stepSigma;
  private final long stepNanos;
  private final Random random;
  private double value;
  private long lastNanos;
  private boolean started;

  private RandomWalk(Builder b) {
    this.min = b.min;
    this.max = b.max;
    this.stepSigma = b.stepSigma;
    this.stepNanos = b.step.toNanos();
    this.random = new Random(b.seed);
    this.value = b.start;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public synchronized double valueAt(long nanos) {
    if (!started) {
      started = true;
      lastNanos = nanos;
      return value;
    }
    long elapsed = nanos - lastNanos;
    if (elapsed <= 0) {
      return value;
    }
    lastNanos = nanos;
    double sigma = stepSigma * Math.sqrt((double) elapsed / stepNanos);
    value = reflect(value + sigma * random.nextGaussian());
    return value;
  }

  private double reflect(double v) {
    double range = max - min;
    double period = 2 * range;
    double u = ((v - min) % period + period) % period;
    double folded = u <= range ? min + u : min + period - u;
    return Math.min(max, Math.max(min, folded));
  }

  /**
   * Builds a {@link RandomWalk}. Required: bounds (min &lt; max). Defaults: start mid-range, step
   * sigma 1% of the range per second, seed 0.
   */
  public static final class Builder {
    private double min = Double.NaN;
    private double max = Double.NaN;
    private Double startValue;
    private double start;
    private Double stepSigmaValue;
    private double stepSigma;
    private Duration step = Duration.ofSeconds(1);
    private long seed;

    private Builder() {}

    public Builder bounds(double min, double max) {
      this.min = min;
      this.max = max;
      return this;
    }

    public Builder start(double start) {
      this.startValue = start;
      return this;
    }

    /** Standard deviation of the change over one {@code step} of time. */
    public Builder stepSigma(double stepSigma, Duration step) {
      this.stepSigmaValue = stepSigma;
      this.step = Objects.requireNonNull(step, "step");
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public RandomWalk build() {
      if (!Double.isFinite(min) || !Double.isFinite(max) || !(min < max)) {
        throw new IllegalArgumentException(
            "bounds must be finite with min < max, were " + min + ".." + max);
      }
      start = startValue == null ? (min + max) / 2 : startValue;
      if (!(start >= min && start <= max)) {
        throw new IllegalArgumentException(
            "start must be within bounds " + min + ".." + max + ", was " + start);
      }
      stepSigma = stepSigmaValue == null ? (max - min) / 100 : stepSigmaValue;
      if (!(stepSigma >= 0) || !Double.isFinite(stepSigma)) {
        throw new IllegalArgumentException("stepSigma must be finite and >= 0, was " + stepSigma);
      }
      if (step.isZero() || step.isNegative()) {
        throw new IllegalArgumentException("step must be > 0, was " + step);
      }
      return new RandomWalk(this);
    }
  }
}
