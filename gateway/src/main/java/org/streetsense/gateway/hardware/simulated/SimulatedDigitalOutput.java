package org.streetsense.gateway.hardware.simulated;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.hardware.DigitalOutput;
import org.streetsense.gateway.hardware.DigitalOutputOptions;
import org.streetsense.gateway.hardware.HardwareIoException;

/**
 * A {@link DigitalOutput} that drives a {@link SimulatedPin} and records every level it drives,
 * the initial and shutdown levels included, for tests and rigs to inspect. Each level driven is
 * also logged at debug level ({@code simulated output pin 12: high}), so a test can watch the
 * pins of a gateway running as a child process.
 *
 * <p>Thread-safe.
 */
public final class SimulatedDigitalOutput implements DigitalOutput {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedDigitalOutput.class);

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
    LOG.debug("simulated output pin {}: {}{}", pin.number(), high ? "high" : "low",
        shutdown ? " (closed)" : "");
  }
}
