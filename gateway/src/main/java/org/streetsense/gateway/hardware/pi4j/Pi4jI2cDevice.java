package org.streetsense.gateway.hardware.pi4j;

import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.I2cDevice;

/**
 * An {@link I2cDevice} on Pi4J I2C (linuxfs: {@code /dev/i2c-N}). The three primitives map to
 * Pi4J's {@code write(byte[])}, {@code read(byte[])} and {@code readRegister(byte[], byte[])},
 * which linuxfs performs as one combined I2C_RDWR transaction (write, repeated start, read).
 * Failures, short transfers included, become {@link HardwareIoException}s naming bus and address.
 */
final class Pi4jI2cDevice implements I2cDevice {

  private static final Logger LOG = LoggerFactory.getLogger(Pi4jI2cDevice.class);

  private final Context context;
  private final I2C i2c;
  private final int bus;
  private final int address;
  private final String where;
  private final AtomicBoolean closed = new AtomicBoolean();

  Pi4jI2cDevice(Context context, int bus, int address) throws HardwareIoException {
    if (address < 0 || address > 0x7F) {
      throw new IllegalArgumentException("I2C address must be 0x00..0x7F, was " + address);
    }
    this.context = context;
    this.bus = bus;
    this.address = address;
    this.where = String.format("i2c-%d 0x%02X", bus, address);
    try {
      this.i2c =
          context.create(
              I2C.newConfigBuilder(context)
                  .id(Pi4jIds.next("i2c", bus + "-" + Integer.toHexString(address)))
                  .name("streetsense " + where)
                  .bus(bus)
                  .device(address)
                  .build());
    } catch (RuntimeException e) {
      throw Pi4jErrors.map(where, "open", e);
    }
  }

  @Override
  public int bus() {
    return bus;
  }

  @Override
  public int address() {
    return address;
  }

  @Override
  public void write(byte[] data) throws HardwareIoException {
    checkOpen();
    int written;
    try {
      written = i2c.write(data);
    } catch (RuntimeException e) {
      throw Pi4jErrors.map(where, "write " + data.length + " bytes", e);
    }
    checkCount("write", written, data.length);
  }

  @Override
  public void read(byte[] buffer) throws HardwareIoException {
    checkOpen();
    int read;
    try {
      read = i2c.read(buffer);
    } catch (RuntimeException e) {
      throw Pi4jErrors.map(where, "read " + buffer.length + " bytes", e);
    }
    checkCount("read", read, buffer.length);
  }

  @Override
  public void writeRead(byte[] data, byte[] buffer) throws HardwareIoException {
    checkOpen();
    int read;
    try {
      read = i2c.readRegister(data, buffer);
    } catch (RuntimeException e) {
      throw Pi4jErrors.map(
          where, "write " + data.length + " then read " + buffer.length + " bytes", e);
    }
    checkCount("write-then-read", read, buffer.length);
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        context.shutdown(i2c.id());
      } catch (RuntimeException e) {
        LOG.warn("releasing {} failed", where, e);
      }
    }
  }

  private void checkCount(String action, int actual, int expected) throws HardwareIoException {
    if (actual != expected) {
      throw new HardwareIoException(
          HardwareIoException.Kind.OTHER,
          where + ": " + action + " transferred " + Math.max(actual, 0) + " of " + expected + " bytes");
    }
  }

  private void checkOpen() throws HardwareIoException {
    if (closed.get()) {
      throw new HardwareIoException(HardwareIoException.Kind.UNAVAILABLE, where + ": device is closed");
    }
  }
}
