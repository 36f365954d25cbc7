package org.streetsense.gateway.safety;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A recurring quiet period in local time, for example 22:00-07:00 every day. A window whose end
 * is not after its start runs past midnight; {@code days} are the days on which it starts.
 */
public record QuietWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end) {

  public QuietWindow {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    days = days == null || days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(days);
    if (start.equals(end)) {
      throw new IllegalArgumentException("quiet window start and end must differ, both were " + start);
    }
  }

  public static QuietWindow everyDay(LocalTime start, LocalTime end) {
    return new QuietWindow(EnumSet.allOf(DayOfWeek.class), start, end);
  }

  /** Whether the local date-time falls in this window. */
  public boolean contains(LocalDateTime t) {
    LocalTime time = t.toLocalTime();
    if (start.isBefore(end)) {
      return days.contains(t.getDayOfWeek()) && !time.isBefore(start) && time.isBefore(end);
    }
    // Past midnight: the evening part belongs to today, the morning part to yesterday's window.
    if (!time.isBefore(start)) {
      return days.contains(t.getDayOfWeek());
    }
    return time.isBefore(end) && days.contains(t.getDayOfWeek().minus(1));
  }
}
