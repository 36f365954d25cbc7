package org.streetsense.gateway.driver.digitalin;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.streetsense.gateway.driver.ChannelDescriptor;
import org.streetsense.gateway.driver.ChannelValue;
import org.streetsense.gateway.driver.DebounceMode;
import org.streetsense.gateway.driver.DeviceOptions;
import org.streetsense.gateway.driver.DigitalPins;
import org.streetsense.gateway.driver.DriverContext;
import org.streetsense.gateway.driver.EdgeDebouncer;
import org.streetsense.gateway.driver.EventDriver;
import org.streetsense.gateway.driver.EventSink;
import org.streetsense.gateway.hardware.DigitalInput;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.ListenerRegistration;

/**
 * A generic digital input (reed switch, beam break, float switch, a board's status line). Pushes
 * its level (1 = active) at open and on every debounced change; interaction semantics (presence,
 * touch, passers-by) come from channel processing. Options: {@code pin} (required), {@code pull}
 * ("off"), {@code active_low} (false), {@code debounce_ms} (0), {@code debounce_mode}
 * ({@code leading}: a change is reported at its first edge, then edges are ignored for the
 * window; {@code trailing}: once the level has been stable for the window, for noisy lines),
 * {@code channel} ("level").
 *
 * <p>Threads: edges are handled on the backend's edge thread (see {@link EdgeDebouncer}).
 */
public final class DigitalInDriver implements EventDriver {

  private final String channel;
  private EventSink sink;
  private DigitalInput input;
  private ListenerRegistration registration;
  private EdgeDebouncer debouncer;

  public DigitalInDriver(String channel) {
    this.channel = Objects.requireNonNull(channel, "channel");
  }

  @Override
  public List<ChannelDescriptor> channels() {
    return List.of(new ChannelDescriptor(channel, "bool"));
  }

  @Override
  public void sink(EventSink sink) {
    this.sink = sink;
  }

  @Override
  public void open(DriverContext context) throws HardwareIoException {
    DeviceOptions o = context.options();
    boolean activeLow = o.booleanValue("active_low", false);
    Duration debounce = o.durationValue("debounce_ms", Duration.ZERO);
    input = context.backend().digitalInput(DigitalPins.input(o, "off"));
    DebounceMode mode = DebounceMode.option(o, DebounceMode.LEADING);
    EdgeDebouncer d = new EdgeDebouncer(context.scheduler(), debounce, mode, context.time(),
        (high, at) -> sink.value(ChannelValue.good(channel, high != activeLow ? 1 : 0), at));
    boolean level = input.read();
    d.reset(level);
    debouncer = d;
    registration = input.onEdge(e -> d.edge(e, context.time().monotonicNanos()));
    sink.value(ChannelValue.good(channel, level != activeLow ? 1 : 0),
        context.time().monotonicNanos());
  }

  @Override
  public void close() {
    if (debouncer != null) {
      debouncer.cancel();
    }
    if (registration != null) {
      registration.close();
      registration = null;
    }
    if (input != null) {
      input.close();
      input = null;
    }
  }
}
