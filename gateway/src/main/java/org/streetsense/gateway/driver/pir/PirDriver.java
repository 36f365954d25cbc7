package org.streetsense.gateway.driver.pir;

import java.time.Duration;
import java.util.List;
import org.streetsense.gateway.driver.Cancellable;
import org.streetsense.gateway.driver.ChannelDescriptor;
import org.streetsense.gateway.driver.ChannelValue;
import org.streetsense.gateway.driver.DeviceOptions;
import org.streetsense.gateway.driver.DigitalPins;
import org.streetsense.gateway.driver.DriverContext;
import org.streetsense.gateway.driver.DriverEvent;
import org.streetsense.gateway.driver.EventDriver;
import org.streetsense.gateway.driver.EventSink;
import org.streetsense.gateway.hardware.DigitalInput;
import org.streetsense.gateway.hardware.EdgeEvent;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.ListenerRegistration;

/**
 * A PIR motion sensor (HC-SR501 style: 5 V supply, 3.3 V push-pull output, high while motion).
 *
 * <p>For {@code warm_up_ms} (60000) after open the sensor settles and fires spuriously: its edges
 * are ignored. After that a rising edge reports {@code presence_enter} (if not already present);
 * presence lasts while the output is high and for {@code hold_ms} (5000) after it falls, so a
 * re-trigger within the hold extends it. {@code presence_leave} is stamped at the last falling
 * edge with the presence duration in ms. Channel {@code motion} carries the raw level (1 high)
 * after warm-up and the presence events: one pair per presence, nothing else derives them from
 * the level (decision 0276).
 *
 * <p>Options: {@code pin} (required), {@code pull} ("off"), {@code warm_up_ms}, {@code hold_ms}.
 */
public final class PirDriver implements EventDriver {

  private EventSink sink;
  private DriverContext context;
  private DigitalInput input;
  private ListenerRegistration registration;
  private Duration hold;
  private long warmUpEnd;
  private boolean warm;
  private boolean present;
  private long enteredAt;
  private Cancellable leaveTimer = () -> {};
  private Cancellable warmTimer = () -> {};

  @Override
  public List<ChannelDescriptor> channels() {
    return List.of(new ChannelDescriptor("motion", "bool"));
  }

  @Override
  public void sink(EventSink sink) {
    this.sink = sink;
  }

  @Override
  public void open(DriverContext ctx) throws HardwareIoException {
    this.context = ctx;
    DeviceOptions o = ctx.options();
    Duration warmUp = o.durationValue("warm_up_ms", Duration.ofSeconds(60));
    hold = o.durationValue("hold_ms", Duration.ofSeconds(5));
    input = ctx.backend().digitalInput(DigitalPins.input(o, "off"));
    warm = false;
    present = false;
    warmUpEnd = ctx.time().monotonicNanos() + warmUp.toNanos();
    registration = input.onEdge(e -> ctx.scheduler().execute(() -> edge(e)));
    warmTimer = ctx.scheduler().schedule(warmUp, this::warmedUp);
  }

  private void warmedUp() {
    warm = true;
    long now = context.time().monotonicNanos();
    try {
      boolean high = input.read();
      sink.value(ChannelValue.good("motion", high ? 1 : 0), now);
      if (high) {
        enter(now);
      }
    } catch (HardwareIoException e) {
      sink.value(ChannelValue.fault("motion"), now);
    }
  }

  private void edge(EdgeEvent e) {
    if (!warm || e.monotonicNanos() < warmUpEnd) {
      return;
    }
    sink.value(ChannelValue.good("motion", e.high() ? 1 : 0), e.monotonicNanos());
    if (e.high()) {
      leaveTimer.cancel();
      if (!present) {
        enter(e.monotonicNanos());
      }
    } else if (present) {
      long fell = e.monotonicNanos();
      long delay = Math.max(0, fell + hold.toNanos() - context.time().monotonicNanos());
      leaveTimer = context.scheduler().schedule(Duration.ofNanos(delay), () -> leave(fell));
    }
  }

  private void enter(long at) {
    present = true;
    enteredAt = at;
    sink.event(new DriverEvent("motion", "presence_enter", 0, at));
  }

  private void leave(long lastMotion) {
    present = false;
    sink.event(new DriverEvent(
        "motion", "presence_leave", (lastMotion - enteredAt) / 1_000_000.0, lastMotion));
  }

  @Override
  public void close() {
    leaveTimer.cancel();
    warmTimer.cancel();
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
