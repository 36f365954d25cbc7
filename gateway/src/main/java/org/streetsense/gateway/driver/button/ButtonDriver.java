package org.streetsense.gateway.driver.button;

import java.util.List;
import java.util.Objects;
import org.streetsense.gateway.driver.Cancellable;
import org.streetsense.gateway.driver.ChannelDescriptor;
import org.streetsense.gateway.driver.ChannelValue;
import org.streetsense.gateway.driver.DigitalPins;
import org.streetsense.gateway.driver.DriverContext;
import org.streetsense.gateway.driver.DriverEvent;
import org.streetsense.gateway.driver.EdgeDebouncer;
import org.streetsense.gateway.driver.EventDriver;
import org.streetsense.gateway.driver.EventSink;
import org.streetsense.gateway.hardware.DigitalInput;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.ListenerRegistration;

/**
 * A push button on a GPIO pin, debounced in software ({@link ButtonOptions#debounceMode()}:
 * leading by default, so a press is reported at its first edge and bounces are ignored for the
 * window; trailing reports it once the contact has been stable). Events on the button's channel:
 * {@code press}; {@code release} (value: press duration in ms); {@code hold} once a press lasts
 * {@code hold_ms} (value: hold_ms); {@code double_press} when a press starts within
 * {@code double_press_ms} of the previous press (reported with the second press; a third quick
 * press starts a new pair). The debounced level (1 pressed) is pushed as the channel value.
 * Event times are edge times, not processing times: the first edge (leading), the settled edge
 * (trailing).
 *
 * <p>Threads: in leading mode a press or release is handled on the backend's edge thread (Pi4J's
 * listener, the simulated pin's thread), without a hop onto the hardware executor where it would
 * queue behind sampling; the event is handed to the sink before the level, so reflexes see it
 * first. Hold and stuck timers and the end of a lockout run on the hardware executor.
 *
 * <p>A press that lasts {@code stuck_after_ms} (far beyond any human press: a jammed or
 * vandalised button) is reported once as {@code stuck} (value: stuck_after_ms), and the channel
 * value becomes 1 with quality {@code suspect} until the release, which is reported as usual
 * ({@code release}, value 0 with quality good): the button has recovered.
 */
public final class ButtonDriver implements EventDriver {

  private EventSink sink;
  private ButtonOptions options;
  private DigitalInput input;
  private ListenerRegistration registration;
  private EdgeDebouncer debouncer;
  private Cancellable holdTimer = () -> {};
  private Cancellable stuckTimer = () -> {};
  private volatile long pressedAt;
  private long lastPressAt = Long.MIN_VALUE;
  private boolean lastWasDouble;

  private final String channel;

  /** @param channel channel name, from the {@code channel} option */
  public ButtonDriver(String channel) {
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
    options = ButtonOptions.from(context.options());
    input = context.backend().digitalInput(DigitalPins.input(context.options(), "up"));
    EdgeDebouncer d = new EdgeDebouncer(context.scheduler(), options.debounce(),
        options.debounceMode(), context.time(), (high, at) -> changed(context, high != options.activeLow(), at));
    d.reset(input.read());
    debouncer = d;
    registration = input.onEdge(e -> d.edge(e, context.time().monotonicNanos()));
    sink.value(new ChannelValue(channel, pressed() ? 1 : 0,
        org.streetsense.gateway.pipeline.Quality.GOOD), context.time().monotonicNanos());
  }

  private boolean pressed() {
    return debouncer.stableLevel() != options.activeLow();
  }

  private void changed(DriverContext context, boolean pressed, long at) {
    if (pressed) {
      pressedAt = at;
      sink.event(new DriverEvent(channel, "press", 0, at));
      sink.value(ChannelValue.good(channel, 1), at);
      boolean isDouble =
          !lastWasDouble
              && lastPressAt != Long.MIN_VALUE
              && at - lastPressAt <= options.doublePress().toNanos();
      if (isDouble) {
        sink.event(new DriverEvent(channel, "double_press", 0, at));
      }
      lastWasDouble = isDouble;
      lastPressAt = at;
      long holdNanos = options.hold().toNanos();
      long delay = Math.max(0, at + holdNanos - context.time().monotonicNanos());
      holdTimer = context.scheduler().schedule(java.time.Duration.ofNanos(delay), () -> {
        if (pressed() && pressedAt == at) {
          sink.event(new DriverEvent(channel, "hold", options.hold().toMillis(), at + holdNanos));
        }
      });
      long stuckNanos = options.stuckAfter().toNanos();
      long stuckDelay = Math.max(0, at + stuckNanos - context.time().monotonicNanos());
      stuckTimer = context.scheduler().schedule(java.time.Duration.ofNanos(stuckDelay), () -> {
        if (pressed() && pressedAt == at) {
          sink.event(new DriverEvent(channel, "stuck", options.stuckAfter().toMillis(), at + stuckNanos));
          sink.value(new ChannelValue(channel, 1, org.streetsense.gateway.pipeline.Quality.SUSPECT),
              at + stuckNanos);
        }
      });
    } else {
      holdTimer.cancel();
      stuckTimer.cancel();
      sink.event(new DriverEvent(channel, "release", (at - pressedAt) / 1_000_000.0, at));
      sink.value(ChannelValue.good(channel, 0), at);
    }
  }

  @Override
  public void close() {
    holdTimer.cancel();
    stuckTimer.cancel();
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
