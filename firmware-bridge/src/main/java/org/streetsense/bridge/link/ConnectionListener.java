package org.streetsense.bridge.link;

/** Told when a {@link ReconnectingLink} gains or loses its port. Runs on the link's threads. */
public interface ConnectionListener {

  /** The port is open (first time or again after a loss). */
  default void connected(String portName) {}

  /** The port went away; reconnection attempts follow. */
  default void disconnected(String portName, Throwable cause) {}
}
