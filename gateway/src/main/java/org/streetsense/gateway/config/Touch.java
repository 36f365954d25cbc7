package org.streetsense.gateway.config;

/**
 * Capacitive touch thresholds of one electrode (MPR121 register counts, 0..255).
 *
 * @param threshold drop from baseline that counts as a touch (default 12)
 * @param release drop below which the touch ends; lower than {@code threshold} (default 6)
 */
public record Touch(int threshold, int release) {

  public static final Touch DEFAULT = new Touch(12, 6);

  public Touch {
    if (threshold < 1 || threshold > 255 || release < 0 || release >= threshold) {
      throw new IllegalArgumentException(
          "need 0 <= release < threshold <= 255, was " + release + " and " + threshold);
    }
  }
}
