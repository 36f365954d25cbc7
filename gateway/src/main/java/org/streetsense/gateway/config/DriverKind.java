package org.streetsense.gateway.config;

/** How a driver is connected, which decides the connection keys a device needs. */
public enum DriverKind {
  /** A GPIO input: needs {@code pin} (BCM 0..27). */
  GPIO_INPUT,
  /** A GPIO output: needs {@code pin} (BCM 0..27) and has a {@code safeState}. */
  GPIO_OUTPUT,
  /** A chip on an I2C bus: needs {@code address}, optional {@code bus} (default 1). */
  I2C,
  /** A chip on an SPI bus: needs {@code spi: {bus, cs}}. */
  SPI,
  /** A pin of a microcontroller board: needs {@code board} and {@code pin} (A0, D7...). */
  BOARD
}
