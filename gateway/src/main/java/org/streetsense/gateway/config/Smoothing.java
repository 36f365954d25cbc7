package org.streetsense.gateway.config;

import java.util.Objects;

/**
 * A smoothing filter for a channel.
 *
 * @param method ema, median or mean
 * @param alpha weight of the newest sample for ema, in (0, 1] (default 0.3); unused otherwise
 * @param window number of samples for median and mean, 2..100 (default 5); unused for ema
 */
public record Smoothing(SmoothingMethod method, double alpha, int window) {

  public Smoothing {
    Objects.requireNonNull(method, "method");
    if (!(alpha > 0 && alpha <= 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1], was " + alpha);
    }
    if (window < 2 || window > 100) {
      throw new IllegalArgumentException("window must be 2..100, was " + window);
    }
  }
}
