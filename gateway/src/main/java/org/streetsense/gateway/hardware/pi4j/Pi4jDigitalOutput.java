package org.streetsense.gateway.hardware.pi4j;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.hardware.DigitalOutput;
import org.streetsense.gateway.hardware.DigitalOutputOptions;
import org.streetsense.gateway.hardware.HardwareIoException;

/**
 * A {@link DigitalOutput} on a Pi4J digital output. The initial and shutdown states are declared
 * on Pi4J's config too, so Pi4J drives the safe state even if its context is shut down first.
 * Thread-safe.
 */
final class Pi4jDigitalOutput implements DigitalOutput {

  private static final Logger LOG = LoggerFactory.getLogger(Pi4jDigitalOutput.class);

  private final Context context;
  private final com.pi4j.io.gpio.digital.DigitalOutput output;
  private final DigitalOutputOptions options;
  private boolean state;
  private boolean closed;

  Pi4jDigitalOutput(Context context, DigitalOutputOptions options) throws HardwareIoException {
    this.context = context;
    this.options = options;
    try {
      this.output =
          context.create(
              com.pi4j.io.gpio.digital.DigitalOutput.newConfigBuilder(context)
                  .id(Pi4jIds.next("dout", String.valueOf(options.pin())))
                  .name("streetsense output BCM " + options.pin())
                  .address(options.pin())
                  .initial(level(options.initialState()))
                  .shutdown(level(options.shutdownState()))
                  .build());
    } catch (RuntimeException e) {
      throw Pi4jErrors.map("gpio " + options.pin(), "open as output", e);
    }
    this.state = options.initialState();
  }

  @Override
  public int pin() {
    return options.pin();
  }

  @Override
  public synchronized void write(boolean high) throws HardwareIoException {
    if (closed) {
      throw new HardwareIoException(
          HardwareIoException.Kind.UNAVAILABLE, "gpio " + options.pin() + ": output is closed");
    }
    try {
      output.state(level(high));
    } catch (RuntimeException e) {
      throw Pi4jErrors.map("gpio " + options.pin(), "write " + (high ? "high" : "low"), e);
    }
    state = high;
  }

  @Override
  public synchronized boolean state() {
    return state;
  }

  @Override
  public boolean shutdownState() {
    return options.shutdownState();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      output.state(level(options.shutdownState()));
      state = options.shutdownState();
    } catch (RuntimeException e) {
      LOG.error("gpio {}: driving the shutdown state failed", options.pin(), e);
    }
    try {
      context.shutdown(output.id());
    } catch (RuntimeException e) {
      LOG.warn("releasing gpio {} failed", options.pin(), e);
    }
  }

  private static DigitalState level(boolean high) {
    return high ? DigitalState.HIGH : DigitalState.LOW;
  }
}
