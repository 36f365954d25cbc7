package org.streetsense.gateway.driver;

/**
 * A driver that pushes values and events as they happen (edges on a GPIO pin) instead of being
 * sampled. It receives its {@link EventSink} before {@link #open(DriverContext)} and pushes from
 * the hardware executor (edge listeners hand their work to {@link DriverContext#scheduler()}).
 */
public interface EventDriver extends Driver {

  /** Sets where values and events go. Called once, before the first {@link #open}. */
  void sink(EventSink sink);
}
