package org.streetsense.gateway.board;

import java.util.Objects;

/**
 * A microcontroller board on a serial port.
 *
 * @param id board id, a lowercase slug unique among boards (devices refer to it)
 * @param port serial device path, preferably {@code /dev/serial/by-id/...} (stable across replug)
 * @param protocol streetsense firmware or StandardFirmata
 * @param baud line speed (default 115200 for streetsense, 57600 for firmata)
 * @param model which Arduino it is (default {@link BoardModel#DEFAULT}): the pins {@code validate}
 *     checks
 */
public record BoardSpec(String id, String port, BoardProtocol protocol, int baud,
    BoardModel model) {

  public BoardSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(port, "port");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(model, "model");
    if (baud <= 0) {
      throw new IllegalArgumentException("baud must be > 0, was " + baud);
    }
  }

  /** A board of the default model. */
  public BoardSpec(String id, String port, BoardProtocol protocol, int baud) {
    this(id, port, protocol, baud, BoardModel.DEFAULT);
  }

  /** The usual line speed of {@code protocol}. */
  public static int defaultBaud(BoardProtocol protocol) {
    return protocol == BoardProtocol.FIRMATA ? 57_600 : 115_200;
  }
}
