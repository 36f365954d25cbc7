package org.streetsense.bench.report;

import java.util.Locale;

/** Formats figures for the table, Markdown and chart: thousands separators, few decimals. */
final class Numbers {

  private Numbers() {}

  static String format(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    double a = Math.abs(v);
    if (a >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }

  /** Plain machine-readable number for CSV; empty when missing. */
  static String csv(double v) {
    if (!Double.isFinite(v)) {
      return "";
    }
    // six significant digits, never in exponent notation (a spreadsheet reads 4183610 as is)
    return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros()
        .toPlainString();
  }
}
