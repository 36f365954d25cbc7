package org.streetsense.gateway.hardware.simulated;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.clock.SimulationScheduler;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.hardware.DigitalInput;
import org.streetsense.gateway.hardware.DigitalInputOptions;
import org.streetsense.gateway.hardware.EdgeEvent;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.ListenerRegistration;

/**
 * A {@link DigitalInput} on a {@link SimulatedPin}. With a hardware debounce configured it behaves
 * like the kernel's: a new level is reported once it has been stable for the debounce period,
 * stamped at that moment; chatter shorter than the period is never reported.
 */
final class SimulatedDigitalInput implements DigitalInput {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedDigitalInput.class);

  private final SimulatedPin pin;
  private final long debounceNanos;
  private final TimeSource time;
  private final SimulationScheduler scheduler;
  private final Runnable onClose;
  private final List<Consumer<EdgeEvent>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ListenerRegistration pinRegistration;
  private SimulationScheduler.Cancellation pendingSettle = () -> {};
  private boolean reported;

  SimulatedDigitalInput(
      SimulatedPin pin,
      DigitalInputOptions options,
      TimeSource time,
      SimulationScheduler scheduler,
      Runnable onClose) {
    this.pin = pin;
    this.debounceNanos = options.hardwareDebounce().toNanos();
    this.time = time;
    this.scheduler = scheduler;
    this.onClose = onClose;
    pin.applyPull(options.pull());
    this.reported = pin.level();
    this.pinRegistration = pin.onEdge(this::onPinEdge);
  }

  @Override
  public int pin() {
    return pin.number();
  }

  @Override
  public boolean read() throws HardwareIoException {
    if (closed.get()) {
      throw new HardwareIoException(
          HardwareIoException.Kind.UNAVAILABLE, "simulated input pin " + pin.number() + " is closed");
    }
    return pin.level();
  }

  @Override
  public ListenerRegistration onEdge(Consumer<EdgeEvent> listener) {
    Objects.requireNonNull(listener, "listener");
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      pinRegistration.close();
      cancelSettle();
      listeners.clear();
      onClose.run();
    }
  }

  private void onPinEdge(EdgeEvent edge) {
    if (debounceNanos == 0) {
      deliver(edge);
      return;
    }
    synchronized (this) {
      pendingSettle.cancel();
      pendingSettle = scheduler.schedule(edge.monotonicNanos() + debounceNanos, this::settle);
    }
  }

  private void settle() {
    boolean level = pin.level();
    synchronized (this) {
      if (level == reported) {
        return;
      }
      reported = level;
    }
    deliver(new EdgeEvent(pin.number(), level, time.monotonicNanos()));
  }

  private synchronized void cancelSettle() {
    pendingSettle.cancel();
  }

  private void deliver(EdgeEvent edge) {
    if (closed.get()) {
      return;
    }
    synchronized (this) {
      reported = edge.high();
    }
    for (Consumer<EdgeEvent> listener : listeners) {
      try {
        listener.accept(edge);
      } catch (RuntimeException e) {
        LOG.warn("edge listener on simulated input {} failed", pin.number(), e);
      }
    }
  }
}
