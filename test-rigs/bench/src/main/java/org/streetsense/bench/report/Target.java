package org.streetsense.bench.report;

import java.util.Objects;

/**
 * A target from issue 8: a bound on the measured value, a bound on its ratio to the baseline, or
 * both. A row whose value is missing never meets a target.
 *
 * @param text the target as printed, for example {@code ">= 100,000 /s and >= 10x Node-RED"}
 * @param minValue lowest acceptable value, or NaN for none
 * @param maxValue highest acceptable value, or NaN for none
 * @param minRatio lowest acceptable value/baseline ratio, or NaN for none
 */
public record Target(String text, double minValue, double maxValue, double minRatio) {

  /** No target: the row is informational (a baseline, or a figure the issue sets no bound for). */
  public static final Target NONE = new Target("-", Double.NaN, Double.NaN, Double.NaN);

  public Target {
    Objects.requireNonNull(text, "text");
  }

  public static Target atLeast(double value, String text) {
    return new Target(text, value, Double.NaN, Double.NaN);
  }

  public static Target atMost(double value, String text) {
    return new Target(text, Double.NaN, value, Double.NaN);
  }

  public static Target ratioAtLeast(double ratio, String text) {
    return new Target(text, Double.NaN, Double.NaN, ratio);
  }

  public static Target atLeastAndRatio(double value, double ratio, String text) {
    return new Target(text, value, Double.NaN, ratio);
  }

  /** Whether a target is set at all. */
  public boolean isSet() {
    return !Double.isNaN(minValue) || !Double.isNaN(maxValue) || !Double.isNaN(minRatio);
  }

  /**
   * Whether {@code value} (with {@code ratio}, NaN when there is no baseline figure) meets the
   * target. A ratio bound with no baseline figure to compare with is not met.
   */
  public boolean met(double value, double ratio) {
    if (Double.isNaN(value)) {
      return false;
    }
    if (!Double.isNaN(minValue) && value < minValue) {
      return false;
    }
    if (!Double.isNaN(maxValue) && value > maxValue) {
      return false;
    }
    return Double.isNaN(minRatio) || (!Double.isNaN(ratio) && ratio >= minRatio);
  }
}
