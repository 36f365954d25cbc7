package org.streetsense.gateway.config;

import java.util.List;

/**
 * {@code safety.quietHours}: when light and sound are limited.
 *
 * @param windows the quiet windows; empty for no quiet hours
 * @param light highest light level allowed during quiet hours, 0..1 (default 0 = off)
 * @param sound highest sound level allowed during quiet hours, 0..1 (default 0 = off)
 */
public record QuietHoursSpec(List<QuietPeriod> windows, double light, double sound) {

  public static final QuietHoursSpec NONE = new QuietHoursSpec(List.of(), 0, 0);

  public QuietHoursSpec {
    windows = List.copyOf(windows);
    if (light < 0 || light > 1 || sound < 0 || sound > 1) {
      throw new IllegalArgumentException(
          "quiet limits must be 0..1, were " + light + " and " + sound);
    }
  }
}
