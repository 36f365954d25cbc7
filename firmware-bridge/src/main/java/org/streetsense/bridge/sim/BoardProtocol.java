package org.streetsense.bridge.sim;

/** Which protocol a {@link SimulatedBoard} speaks. */
public enum BoardProtocol {
  /** The Streetsense board protocol (COBS frames, CRC-16, acked commands). */
  STREETSENSE,
  /** StandardFirmata 2.5 at 57600 baud. */
  FIRMATA
}
