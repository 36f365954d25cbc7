package org.streetsense.gateway.board;

/**
 * The gateway side of one board: opens its port, configures the pins its devices use after every
 * (re)connection or reset, and feeds their values to their {@link BoardInput}s.
 */
interface BoardConnection extends AutoCloseable {

  /** Starts connecting in the background; never blocks, never fails (absent boards are retried). */
  void start();

  /** Closes the session and the port. Never throws. */
  @Override
  void close();
}
