package org.streetsense.gateway.status;

import java.time.Instant;
import java.util.Objects;

/**
 * An interaction event, for the technician's list of recent events.
 *
 * @param device device id
 * @param channel channel the event derives from
 * @param type event type, for example {@code touch_start}
 * @param value number that goes with the type (duration in ms, a count); 0 if none
 * @param time when it happened
 */
public record RecentEvent(String device, String channel, String type, double value, Instant time) {

  public RecentEvent {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(time, "time");
  }
}
