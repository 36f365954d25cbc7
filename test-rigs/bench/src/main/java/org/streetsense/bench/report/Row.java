package org.streetsense.bench.report;

import java.util.Objects;

/**
 * One line of the results: a measured figure next to its baseline and target.
 *
 * @param measure what was measured, for example {@code e2e throughput, batched}
 * @param value the figure in {@code unit}; NaN when it could not be measured (see {@code note})
 * @param unit unit of {@code value} and {@code baselineValue}, for example {@code readings/s}
 * @param baselineName the baseline it is compared with, or {@code -}
 * @param baselineValue the baseline figure in the same unit, or NaN
 * @param target the target for this figure
 * @param note why a figure is missing, or how it was obtained (message counts, windows)
 */
public record Row(String measure, double value, String unit, String baselineName,
    double baselineValue, Target target, String note) {

  public Row {
    Objects.requireNonNull(measure, "measure");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(baselineName, "baselineName");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(note, "note");
  }

  /** A figure with no baseline. */
  public static Row of(String measure, double value, String unit, Target target, String note) {
    return new Row(measure, value, unit, "-", Double.NaN, target, note);
  }

  /** A figure that could not be measured; {@code reason} says why. Never a made-up number. */
  public static Row missing(String measure, String unit, Target target, String reason) {
    return new Row(measure, Double.NaN, unit, "-", Double.NaN, target, reason);
  }

  /** The same row compared with a baseline figure. */
  public Row against(String name, double baseline) {
    return new Row(measure, value, unit, name, baseline, target, note);
  }

  /** value / baseline, or NaN when either is missing or the baseline is zero. */
  public double ratio() {
    if (Double.isNaN(value) || Double.isNaN(baselineValue) || baselineValue == 0) {
      return Double.NaN;
    }
    return value / baselineValue;
  }

  /**
   * {@code pass}, {@code miss}, {@code info} (no target), {@code not measured}, or {@code not
   * judged} (the target bounds the ratio to a baseline that was not measured in this run, and
   * the value meets the rest of the target).
   */
  public String verdict() {
    if (Double.isNaN(value)) {
      return "not measured";
    }
    if (!target.isSet()) {
      return "info";
    }
    if (target.met(value, ratio())) {
      return "pass";
    }
    boolean ratioUnknown = !Double.isNaN(target.minRatio()) && Double.isNaN(ratio());
    return ratioUnknown && target.met(value, Double.POSITIVE_INFINITY) ? "not judged" : "miss";
  }
}
