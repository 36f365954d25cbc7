package org.streetsense.bridge.session;

import org.streetsense.bridge.protocol.BoardMessage;

/**
 * Receives what a {@link BoardSession} hears. Readings and events run on the link's reader thread;
 * state changes run on the reader thread or the session's timer thread. Implementations must not
 * block; exceptions are logged and swallowed.
 */
public interface BoardListener {

  /**
   * The board identified itself: after start, and again after every board reset. Pin
   * configuration is lost on a reset, so re-send {@code Configure} commands here.
   */
  default void onReady(BoardInfo info) {}

  default void onReading(BoardMessage.Reading reading) {}

  default void onEvent(BoardMessage.Event event) {}

  default void onStateChanged(BoardState from, BoardState to) {}
}
