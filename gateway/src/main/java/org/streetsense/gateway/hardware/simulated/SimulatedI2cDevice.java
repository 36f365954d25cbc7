package org.streetsense.gateway.hardware.simulated;

import java.util.concurrent.atomic.AtomicBoolean;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.I2cDevice;

/** An {@link I2cDevice} handle on a {@link SimulatedI2cBus}. Fails UNAVAILABLE once closed. */
final class SimulatedI2cDevice implements I2cDevice {

  private final SimulatedI2cBus bus;
  private final int address;
  private final AtomicBoolean closed = new AtomicBoolean();

  SimulatedI2cDevice(SimulatedI2cBus bus, int address) {
    this.bus = bus;
    this.address = address;
  }

  @Override
  public int bus() {
    return bus.number();
  }

  @Override
  public int address() {
    return address;
  }

  @Override
  public void write(byte[] data) throws HardwareIoException {
    checkOpen();
    bus.write(address, data);
  }

  @Override
  public void read(byte[] buffer) throws HardwareIoException {
    checkOpen();
    bus.read(address, buffer);
  }

  @Override
  public void writeRead(byte[] data, byte[] buffer) throws HardwareIoException {
    checkOpen();
    bus.writeRead(address, data, buffer);
  }

  @Override
  public void close() {
    closed.set(true);
  }

  private void checkOpen() throws HardwareIoException {
    if (closed.get()) {
      throw new HardwareIoException(
          HardwareIoException.Kind.UNAVAILABLE,
          String.format("%s: device 0x%02X is closed", bus.name(), address));
    }
  }
}
