package org.streetsense.gateway.driver;

import java.util.Objects;

/**
 * An interaction an event driver recognised (a press, a hold, presence entering).
 *
 * @param channel channel the event belongs to
 * @param type event type in snake case ({@code press}, {@code release}, {@code hold},
 *     {@code double_press}, {@code presence_enter}, {@code presence_leave})
 * @param value a number that goes with the type (a duration in ms, a count), 0 if none
 * @param monotonicNanos when it happened, on the {@link org.streetsense.gateway.clock.TimeSource}
 *     monotonic clock (edge time, not processing time)
 */
public record DriverEvent(String channel, String type, double value, long monotonicNanos) {

  public DriverEvent {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(type, "type");
  }
}
