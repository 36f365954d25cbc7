package org.streetsense.gateway.hardware.pi4j;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.hardware.DigitalInput;
import org.streetsense.gateway.hardware.DigitalInputOptions;
import org.streetsense.gateway.hardware.EdgeEvent;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.ListenerRegistration;
import org.streetsense.gateway.hardware.PullResistance;

/**
 * A {@link DigitalInput} on a Pi4J digital input (gpiod on a Pi). Pi4J's state-change events
 * carry no timestamp, so each edge is stamped with the backend's monotonic clock as the first
 * thing the listener does. Debounce is passed to Pi4J in microseconds (rounded down); zero turns
 * Pi4J's 10 ms default off.
 *
 * <p>Listeners run on Pi4J's event thread; one that throws is logged and stays registered.
 */
final class Pi4jDigitalInput implements DigitalInput {

  private static final Logger LOG = LoggerFactory.getLogger(Pi4jDigitalInput.class);

  private final Context context;
  private final com.pi4j.io.gpio.digital.DigitalInput input;
  private final int pin;
  private final TimeSource time;
  private final List<Consumer<EdgeEvent>> listeners = new CopyOnWriteArrayList<>();
  private final DigitalStateChangeListener pi4jListener = this::onStateChange;
  private final AtomicBoolean closed = new AtomicBoolean();

  Pi4jDigitalInput(Context context, DigitalInputOptions options, TimeSource time)
      throws HardwareIoException {
    this.context = context;
    this.pin = options.pin();
    this.time = time;
    try {
      this.input =
          context.create(
              com.pi4j.io.gpio.digital.DigitalInput.newConfigBuilder(context)
                  .id(Pi4jIds.next("din", String.valueOf(pin)))
                  .name("streetsense input BCM " + pin)
                  .address(pin)
                  .pull(pull(options.pull()))
                  .debounce(options.hardwareDebounce().toNanos() / 1_000L)
                  .build());
    } catch (RuntimeException e) {
      throw Pi4jErrors.map("gpio " + pin, "open as input", e);
    }
    input.addListener(pi4jListener);
  }

  @Override
  public int pin() {
    return pin;
  }

  @Override
  public boolean read() throws HardwareIoException {
    if (closed.get()) {
      throw new HardwareIoException(HardwareIoException.Kind.UNAVAILABLE, "gpio " + pin + ": input is closed");
    }
    DigitalState state;
    try {
      state = input.state();
    } catch (RuntimeException e) {
      throw Pi4jErrors.map("gpio " + pin, "read", e);
    }
    if (state == DigitalState.HIGH) {
      return true;
    }
    if (state == DigitalState.LOW) {
      return false;
    }
    throw new HardwareIoException(HardwareIoException.Kind.OTHER, "gpio " + pin + ": level unknown");
  }

  @Override
  public ListenerRegistration onEdge(Consumer<EdgeEvent> listener) {
    Objects.requireNonNull(listener, "listener");
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    listeners.clear();
    try {
      input.removeListener(pi4jListener);
      context.shutdown(input.id());
    } catch (RuntimeException e) {
      LOG.warn("releasing gpio {} failed", pin, e);
    }
  }

  private void onStateChange(DigitalStateChangeEvent<?> event) {
    long stamp = time.monotonicNanos();
    DigitalState state = event.state();
    if (closed.get() || (state != DigitalState.HIGH && state != DigitalState.LOW)) {
      return;
    }
    EdgeEvent edge = new EdgeEvent(pin, state == DigitalState.HIGH, stamp);
    for (Consumer<EdgeEvent> listener : listeners) {
      try {
        listener.accept(edge);
      } catch (RuntimeException e) {
        LOG.warn("edge listener on gpio {} failed", pin, e);
      }
    }
  }

  private static com.pi4j.io.gpio.digital.PullResistance pull(PullResistance pull) {
    return switch (pull) {
      case OFF -> com.pi4j.io.gpio.digital.PullResistance.OFF;
      case PULL_UP -> com.pi4j.io.gpio.digital.PullResistance.PULL_UP;
      case PULL_DOWN -> com.pi4j.io.gpio.digital.PullResistance.PULL_DOWN;
    };
  }
}
