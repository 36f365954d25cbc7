package org.streetsense.gateway.driver.testing;

import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.I2cDevice;
import org.streetsense.gateway.hardware.simulated.SimulatedI2cChip;

/**
 * An {@link I2cDevice} that forwards transactions to a {@link SimulatedI2cChip}, with the bus faults
 * a test can flip: the device absent (NACK) or the bus timing out. A device opened while the chip
 * is absent still opens (as on Linux: /dev/i2c-N opens, the transaction fails).
 */
public final class ChipBackedI2cDevice implements I2cDevice {

  private final TestI2cSlot slot;
  private final int bus;
  private final int address;
  private boolean closed;

  ChipBackedI2cDevice(TestI2cSlot slot, int bus, int address) {
    this.slot = slot;
    this.bus = bus;
    this.address = address;
  }

  @Override
  public int bus() {
    return bus;
  }

  @Override
  public int address() {
    return address;
  }

  private SimulatedI2cChip chip() throws HardwareIoException {
    if (closed) {
      throw new HardwareIoException(HardwareIoException.Kind.UNAVAILABLE, "device closed");
    }
    slot.transactions.incrementAndGet();
    return switch (slot.fault()) {
      case ABSENT -> throw new HardwareIoException(
          HardwareIoException.Kind.NACK,
          String.format("no ACK from bus %d address 0x%02X", bus, address));
      case TIMEOUT -> throw new HardwareIoException(
          HardwareIoException.Kind.TIMEOUT,
          String.format("bus %d timed out addressing 0x%02X", bus, address));
      case NONE -> slot.chip();
    };
  }

  @Override
  public void write(byte[] data) throws HardwareIoException {
    SimulatedI2cChip c = chip();
    synchronized (c) {
      c.onWrite(data.clone());
    }
  }

  @Override
  public void read(byte[] buffer) throws HardwareIoException {
    SimulatedI2cChip c = chip();
    synchronized (c) {
      c.onRead(buffer);
    }
  }

  @Override
  public void writeRead(byte[] data, byte[] buffer) throws HardwareIoException {
    SimulatedI2cChip c = chip();
    synchronized (c) {
      c.onWrite(data.clone());
      c.onRead(buffer);
    }
  }

  @Override
  public void close() {
    closed = true;
  }
}
