package org.streetsense.gateway.hardware;

import java.util.function.Consumer;

/**
 * A digital input pin. Edges are delivered raw (any hardware debounce configured in the options
 * is applied by the backend; drivers debounce in software on top).
 *
 * <p>Listeners are called on a backend thread, never the Vert.x event loop; they must not block.
 * A listener that throws is logged and stays registered.
 */
public interface DigitalInput extends AutoCloseable {

  int pin();

  /** Reads the current level. */
  boolean read() throws HardwareIoException;

  /** Registers a listener for every edge. */
  ListenerRegistration onEdge(Consumer<EdgeEvent> listener);

  /** Releases the pin. Idempotent. */
  @Override
  void close();
}
