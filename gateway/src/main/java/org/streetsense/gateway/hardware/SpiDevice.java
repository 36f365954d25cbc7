package org.streetsense.gateway.hardware;

/**
 * An SPI device on one chip-select line. Blocking; call it off the event loop.
 */
public interface SpiDevice extends AutoCloseable {

  int bus();

  int chipSelect();

  /** Full-duplex transfer: clocks out {@code tx} and returns the bytes clocked in (same length). */
  byte[] transfer(byte[] tx) throws HardwareIoException;

  @Override
  void close();
}
