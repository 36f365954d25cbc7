package org.streetsense.gateway.driver.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.streetsense.gateway.hardware.DigitalOutput;
import org.streetsense.gateway.hardware.DigitalOutputOptions;

/** A digital output that records every level driven. */
public final class TestDigitalOutput implements DigitalOutput {

  private final DigitalOutputOptions options;
  private final List<Boolean> history = new CopyOnWriteArrayList<>();
  private volatile boolean state;
  private volatile boolean closed;

  TestDigitalOutput(DigitalOutputOptions options) {
    this.options = options;
    this.state = options.initialState();
    history.add(state);
  }

  @Override
  public int pin() {
    return options.pin();
  }

  @Override
  public void write(boolean high) {
    state = high;
    history.add(high);
  }

  @Override
  public boolean state() {
    return state;
  }

  @Override
  public boolean shutdownState() {
    return options.shutdownState();
  }

  public boolean closed() {
    return closed;
  }

  public List<Boolean> history() {
    return List.copyOf(history);
  }

  @Override
  public void close() {
    if (!closed) {
      write(options.shutdownState());
      closed = true;
    }
  }
}
