package org.streetsense.gateway.hardware.simulated;

import java.util.ArrayList;
import java.util.List;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.hardware.DigitalOutput;
import org.streetsense.gateway.hardware.DigitalOutputOptions;
import org.streetsense.gateway.hardware.HardwareIoException;

/**
 * A {@link DigitalOutput} that drives a {@link SimulatedPin} and records every level it drives,
 * the initial and shutdown levels included, for tests and rigs to inspect.
 *
 * <p>Thread-safe.
 */
public final class SimulatedDigitalOutput implements DigitalOutput {

  private final SimulatedPin pin;
  private final DigitalOutputOptions options;
  private final TimeSource time;
  private final Runnable onClose;
  private final List<LevelChange> history = new ArrayList<>();
  private boolean state;
  private boolean closed;

  SimulatedDigitalOutput(
      SimulatedPin pin, DigitalOutputOptions options, TimeSource time, Runnable onClose) {
    this.pin = pin;
    this.options = options;
    this.time = time;
    this.onClose = onClose;
    drive(options.initialState(), false);
  }

  @Override
  public int pin() {
    return pin.number();
  }

  @Override
  public synchronized void write(boolean high) throws HardwareIoException {
    if (closed) {
      throw new HardwareIoException(
          HardwareIoException.Kind.UNAVAILABLE, "simulated output pin " + pin.number() + " is closed");
    }
    drive(high, false);
  }

  @Override
  public synchronized boolean state() {
    return state;
  }

  @Override
  public boolean shutdownState() {
    return options.shutdownState();
  }

  /** True once closed (and the shutdown state driven). */
  public synchronized boolean isClosed() {
    return closed;
  }

  /** Every level driven so far, oldest first. */
  public synchronized List<LevelChange> history() {
    return List.copyOf(history);
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      drive(options.shutdownState(), true);
      closed = true;
    }
    onClose.run();
  }

  private void drive(boolean high, boolean shutdown) {
    state = high;
    history.add(new LevelChange(time.monotonicNanos(), high, shutdown));
    pin.setLevel(high);
  }
}
