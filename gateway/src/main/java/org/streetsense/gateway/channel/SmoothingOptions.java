package org.streetsense.gateway.channel;

import java.util.Objects;

/**
 * Smoothing of GOOD samples: an exponential moving average ({@link Kind#EMA} with {@code alpha}
 * in (0, 1], 1 = no smoothing), or a moving mean or moving median over the last {@code window}
 * samples.
 */
public record SmoothingOptions(Kind kind, double alpha, int window) {

  public enum Kind {
    EMA,
    MOVING_MEAN,
    MOVING_MEDIAN
  }

  public SmoothingOptions {
    Objects.requireNonNull(kind, "kind");
    if (kind == Kind.EMA && !(alpha > 0 && alpha <= 1)) {
      throw new IllegalArgumentException("smoothing alpha must be in (0, 1], was " + alpha);
    }
    if (kind != Kind.EMA && window < 1) {
      throw new IllegalArgumentException("smoothing window must be >= 1 sample, was " + window);
    }
  }

  public static SmoothingOptions ema(double alpha) {
    return new SmoothingOptions(Kind.EMA, alpha, 0);
  }

  public static SmoothingOptions movingMean(int window) {
    return new SmoothingOptions(Kind.MOVING_MEAN, 0, window);
  }

  public static SmoothingOptions movingMedian(int window) {
    return new SmoothingOptions(Kind.MOVING_MEDIAN, 0, window);
  }

  SampleStage newStage() {
    switch (kind) {
      case EMA:
        return new EmaSmoother(alpha);
      case MOVING_MEDIAN:
        return new MovingMedianSmoother(window);
      default:
        return new MovingMeanSmoother(window);
    }
  }
}
