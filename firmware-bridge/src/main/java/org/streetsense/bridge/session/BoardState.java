package org.streetsense.bridge.session;

/** Where a {@link BoardSession} stands with its board. */
public enum BoardState {
  /** Waiting for HELLO and CAPABILITIES (after start, or after the board reset). */
  CONNECTING,
  /** Identified; readings, events and commands flow. */
  READY,
  /** Nothing heard for the configured number of heartbeat intervals; HELLO_REQUESTs are sent. */
  LOST,
  /** The link failed for good (a plain link disconnected). */
  DISCONNECTED,
  /** Closed by the owner. */
  CLOSED
}
