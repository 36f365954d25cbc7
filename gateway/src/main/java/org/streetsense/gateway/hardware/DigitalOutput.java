package org.streetsense.gateway.hardware;

/**
 * A digital output pin with a declared safe state, driven on {@link #close()} and whenever the
 * gateway shuts down or loses control of the actuator.
 */
public interface DigitalOutput extends AutoCloseable {

  int pin();

  void write(boolean high) throws HardwareIoException;

  /** The level last written (or the initial level). */
  boolean state();

  /** The level this output falls back to on shutdown. */
  boolean shutdownState();

  /** Drives the shutdown state and releases the pin. Idempotent; never throws. */
  @Override
  void close();
}
