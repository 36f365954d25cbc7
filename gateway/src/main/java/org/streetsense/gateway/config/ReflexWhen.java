package org.streetsense.gateway.config;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The trigger of a reflex ({@code reflexes[].when}): exactly one of an event, a rise above a
 * threshold or a fall below one.
 *
 * @param device device id
 * @param channel channel name; empty for any channel of the device (events only)
 * @param event the event type, for event triggers
 * @param above fire when a reading rises above this value
 * @param below fire when a reading falls below this value
 */
public record ReflexWhen(String device, Optional<String> channel, Optional<ReflexEvent> event,
    OptionalDouble above, OptionalDouble below) {

  public ReflexWhen {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(above, "above");
    Objects.requireNonNull(below, "below");
    int given = (event.isPresent() ? 1 : 0) + (above.isPresent() ? 1 : 0)
        + (below.isPresent() ? 1 : 0);
    if (given != 1) {
      throw new IllegalArgumentException("a reflex on '" + device
          + "' needs exactly one of event, above or below");
    }
    if (event.isEmpty() && channel.isEmpty()) {
      throw new IllegalArgumentException("a threshold reflex on '" + device + "' needs a channel");
    }
  }
}
