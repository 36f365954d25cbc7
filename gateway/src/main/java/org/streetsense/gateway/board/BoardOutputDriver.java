package org.streetsense.gateway.board;

import java.util.concurrent.CompletableFuture;

/** The board connection an output's writes go through. */
interface BoardOutputDriver {

  /**
   * Drives {@code output} to {@code level}. Completes when the board acknowledged it (Streetsense)
   * or the bytes were written (Firmata, which has no acknowledgements); fails with an
   * {@link java.io.IOException} naming the board when it is not connected and ready, refused the
   * command, or did not answer. Never blocks.
   */
  CompletableFuture<Void> drive(BoardOutput output, double level);
}
