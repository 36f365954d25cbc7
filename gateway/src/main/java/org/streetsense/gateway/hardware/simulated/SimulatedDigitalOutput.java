package org.streetsense.gateway.hardware.simulated;

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
  /** How many of the latest changes {@link #history()} keeps (a simulated rig runs for days). */
  public static final int HISTORY_LIMIT = 4096;

  private final java.util.ArrayDeque<LevelChange> history = new java.util.ArrayDeque<>();
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

  /** The last {@link #HISTORY_LIMIT} levels driven, oldest first. */
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
    if (history.size() == HISTORY_LIMIT) {
      history.removeFirst();
    }
    history.addLast(new LevelChange(time.monotonicNanos(), high, shutdown));
    pin.setLevel(high);
    LOG.debug("simulated output pin {}: {}{}", pin.number(), high ? "high" : "low",
        shutdown ? " (closed)" : "");
  }
}
