package org.streetsense.gateway.reflex;

import java.util.Objects;
import java.util.Optional;
import org.streetsense.gateway.pipeline.InteractionEvent;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.pipeline.Reading;

/**
 * What sets a reflex off: an interaction event of a type on a device (and optionally a channel),
 * or a reading crossing a threshold upwards ({@code above}) or downwards ({@code below}).
 *
 * @param device device id
 * @param channel channel name, or empty for any channel of the device
 * @param eventType event type (for example {@code touch_start}), or empty for a threshold trigger
 * @param above fire when a reading rises above this value (NaN for none)
 * @param below fire when a reading falls below this value (NaN for none)
 */
public record ReflexTrigger(String device, Optional<String> channel, Optional<String> eventType,
    double above, double below) {

  public ReflexTrigger {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(eventType, "eventType");
    boolean threshold = !Double.isNaN(above) || !Double.isNaN(below);
    if (eventType.isPresent() == threshold) {
      throw new IllegalArgumentException("a reflex trigger on '" + device
          + "' needs either an event type or a threshold (above/below), not both or neither");
    }
  }

  public static ReflexTrigger onEvent(String device, String channel, String type) {
    return new ReflexTrigger(device, Optional.ofNullable(channel), Optional.of(type), Double.NaN, Double.NaN);
  }

  public static ReflexTrigger above(String device, String channel, double value) {
    return new ReflexTrigger(device, Optional.of(channel), Optional.empty(), value, Double.NaN);
  }

  public static ReflexTrigger below(String device, String channel, double value) {
    return new ReflexTrigger(device, Optional.of(channel), Optional.empty(), Double.NaN, value);
  }

  boolean concerns(Observation o) {
    return o.device().equals(device) && channel.map(o.channel()::equals).orElse(true);
  }

  /** Whether the observation fires the trigger, given the previous reading of the stream. */
  boolean fires(Observation o, Double previous) {
    if (!concerns(o)) {
      return false;
    }
    if (o instanceof InteractionEvent e) {
      return eventType.map(e.type()::equals).orElse(false);
    }
    if (eventType.isPresent() || !(o instanceof Reading r)) {
      return false;
    }
    double v = r.value();
    if (!Double.isNaN(above)) {
      return v > above && (previous == null || previous <= above);
    }
    return v < below && (previous == null || previous >= below);
  }
}
