package org.streetsense.gateway.driver;

/**
 * Where an {@link EventDriver} pushes what it sees. Implementations must be cheap and must not
 * block; they are called on the hardware executor, or on the backend's edge thread when a driver
 * handles an edge where it arrives (leading-edge inputs, decision 0336).
 */
public interface EventSink {

  /** A channel value (for example a debounced level) taken at {@code monotonicNanos}. */
  void value(ChannelValue value, long monotonicNanos);

  /** An interaction the driver recognised. */
  void event(DriverEvent event);
}
