package org.streetsense.gateway.config;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Clock sanity for a Pi without a real-time clock.
 *
 * @param sanityFloor wall-clock times before this date are treated as unsynchronised (a Pi that
 *     booted without network starts in the past); empty means the gateway's build date is used
 */
public record ClockSettings(Optional<LocalDate> sanityFloor) {

  public static final ClockSettings DEFAULT = new ClockSettings(Optional.empty());

  public ClockSettings {
    Objects.requireNonNull(sanityFloor, "sanityFloor");
  }
}
