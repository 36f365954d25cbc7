package org.streetsense.gateway.config;

/**
 * Plausible values of a channel, in its unit; readings outside are flagged by the pipeline.
 *
 * @param min lowest plausible value
 * @param max highest plausible value, greater than {@code min}
 */
public record ValueRange(double min, double max) {

  public ValueRange {
    if (!(min < max)) {
      throw new IllegalArgumentException("range min must be below max, was " + min + ".." + max);
    }
  }

  public boolean contains(double value) {
    return value >= min && value <= max;
  }
}
