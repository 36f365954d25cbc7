package org.streetsense.gateway.safety;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * When light and sound must be limited, in the installation's local time zone (for Košice,
 * Europe/Bratislava; daylight saving is handled by the zone rules).
 *
 * @param windows the quiet periods; empty for none
 * @param zone the installation's time zone
 * @param lightLimit the cap of lights during quiet hours unless they declare their own, 0..1 (0 =
 *     off); what applies to each actuator is its {@link QuietRule}
 * @param soundLimit the cap of sound actuators that choose {@code cap} without their own, 0..1
 */
public record QuietHours(List<QuietWindow> windows, ZoneId zone, double lightLimit, double soundLimit) {

  public QuietHours {
    windows = List.copyOf(windows);
    Objects.requireNonNull(zone, "zone");
    if (lightLimit < 0 || lightLimit > 1) {
      throw new IllegalArgumentException("lightLimit must be 0..1, was " + lightLimit);
    }
    if (soundLimit < 0 || soundLimit > 1) {
      throw new IllegalArgumentException("soundLimit must be 0..1, was " + soundLimit);
    }
  }

  public static QuietHours none() {
    return new QuietHours(List.of(), ZoneId.of("UTC"), 1, 1);
  }

  public boolean activeAt(Instant instant) {
    LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
    for (QuietWindow w : windows) {
      if (w.contains(local)) {
        return true;
      }
    }
    return false;
  }
}
