package org.streetsense.gateway.board;

/** What a board input reads. */
public enum BoardInputKind {
  /** A pin: analog counts for {@code A<n>} pins, level 0/1 for {@code D<n>} pins. */
  PIN,
  /** The board's HC-SR04 ranger; values in centimetres (the board sends millimetres). */
  DISTANCE
}
