package org.streetsense.gateway.driver.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.streetsense.gateway.driver.ChannelValue;
import org.streetsense.gateway.driver.DriverEvent;
import org.streetsense.gateway.driver.EventSink;

/** An {@link EventSink} that records what an event driver pushes. */
public final class RecordingSink implements EventSink {

  /** A pushed value with its time. */
  public record TimedValue(ChannelValue value, long monotonicNanos) {}

  private final List<TimedValue> values = new CopyOnWriteArrayList<>();
  private final List<DriverEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void value(ChannelValue value, long monotonicNanos) {
    values.add(new TimedValue(value, monotonicNanos));
  }

  @Override
  public void event(DriverEvent event) {
    events.add(event);
  }

  public List<TimedValue> values() {
    return List.copyOf(values);
  }

  public List<DriverEvent> events() {
    return List.copyOf(events);
  }

  public List<String> eventTypes() {
    return events.stream().map(DriverEvent::type).toList();
  }
}
