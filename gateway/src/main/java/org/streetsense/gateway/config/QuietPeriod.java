package org.streetsense.gateway.config;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One window of {@code safety.quietHours.windows}, in the installation's local time. A window
 * whose {@code to} is not after {@code from} runs past midnight; {@code days} are the days it
 * starts on.
 *
 * @param days days the window starts on (default every day)
 * @param from start, inclusive
 * @param to end, exclusive; differs from {@code from}
 */
public record QuietPeriod(Set<DayOfWeek> days, LocalTime from, LocalTime to) {

  public QuietPeriod {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    days = Set.copyOf(days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : days);
    if (from.equals(to)) {
      throw new IllegalArgumentException("quiet window from and to must differ, both were " + from);
    }
  }
}
