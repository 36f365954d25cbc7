package org.streetsense.gateway.driver.spec;

/** How a device is connected, which decides the connection keys its entry in the file needs. */
public enum ConnectionKind {
  /** A GPIO input: needs {@code pin} (BCM 0..27). */
  GPIO_INPUT("GPIO input", "pin"),
  /** A GPIO output: needs {@code pin} (BCM 0..27) and has a {@code safeState}. */
  GPIO_OUTPUT("GPIO output", "pin"),
  /** A chip on an I2C bus: needs {@code address}, optional {@code bus} (default 1). */
  I2C("I2C", "bus, address"),
  /** A chip on an SPI bus: needs {@code spi: {bus, cs}}. */
  SPI("SPI", "spi: {bus, cs}"),
  /** A pin of a microcontroller board: needs {@code board} and {@code pin} (A0, D7...). */
  BOARD("board pin", "board, pin"),
  /** A device on a serial port (UART): needs {@code port} (/dev/serial0, /dev/ttyUSB0...). */
  SERIAL("serial", "port");

  private final String label;
  private final String keys;

  ConnectionKind(String label, String keys) {
    this.label = label;
    this.keys = keys;
  }

  /** How the docs name it: "I2C", "GPIO input". */
  public String label() {
    return label;
  }

  /** The connection keys of the file, as the docs list them. */
  public String keys() {
    return keys;
  }

  /** Whether the device sits on a Raspberry Pi GPIO pin of its own. */
  public boolean isGpio() {
    return this == GPIO_INPUT || this == GPIO_OUTPUT;
  }
}
