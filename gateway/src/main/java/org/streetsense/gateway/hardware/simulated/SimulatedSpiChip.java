package org.streetsense.gateway.hardware.simulated;

import org.streetsense.gateway.hardware.HardwareIoException;

/** A chip model on a simulated SPI chip-select line. */
public interface SimulatedSpiChip {

  /** One full-duplex transfer while chip select is asserted; returns as many bytes as {@code tx}. */
  byte[] transfer(byte[] tx) throws HardwareIoException;
}
