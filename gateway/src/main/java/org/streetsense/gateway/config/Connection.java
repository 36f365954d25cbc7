package org.streetsense.gateway.config;

import java.util.Objects;

/**
 * Where a device is attached; the variant follows the driver's
 * {@link org.streetsense.gateway.driver.spec.ConnectionKind}.
 */
public sealed interface Connection
    permits Connection.Gpio, Connection.I2c, Connection.Spi, Connection.Board, Connection.Serial {

  /** A Raspberry Pi GPIO pin by BCM number (0..27). */
  record Gpio(int pin) implements Connection {
    public Gpio {
      if (pin < 0 || pin > 27) {
        throw new IllegalArgumentException("pin must be a BCM GPIO 0..27, was " + pin);
      }
    }
  }

  /** A chip on I2C bus {@code bus} (/dev/i2c-N) at a 7-bit {@code address}. */
  record I2c(int bus, int address) implements Connection {
    public I2c {
      if (bus < 0) {
        throw new IllegalArgumentException("bus must be >= 0, was " + bus);
      }
      if (address < 0x03 || address > 0x7F) {
        throw new IllegalArgumentException("address must be a 7-bit address, was " + address);
      }
    }
  }

  /** A chip on SPI bus {@code bus} with chip-select {@code chipSelect} (/dev/spidevB.C). */
  record Spi(int bus, int chipSelect) implements Connection {
    public Spi {
      if (bus < 0 || chipSelect < 0) {
        throw new IllegalArgumentException("bus and cs must be >= 0");
      }
    }
  }

  /** Pin {@code pin} (A0.., D0..) of the board with id {@code board}. */
  record Board(String board, String pin) implements Connection {
    public Board {
      Objects.requireNonNull(board, "board");
      Objects.requireNonNull(pin, "pin");
    }
  }

  /** A device on the serial port {@code port} ({@code /dev/serial0}, {@code /dev/ttyUSB0}). */
  record Serial(String port) implements Connection {
    public Serial {
      Objects.requireNonNull(port, "port");
    }
  }
}
