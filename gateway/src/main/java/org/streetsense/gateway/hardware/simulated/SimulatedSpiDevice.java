package org.streetsense.gateway.hardware.simulated;

import java.util.concurrent.atomic.AtomicBoolean;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.SpiDevice;
import org.streetsense.gateway.hardware.SpiOptions;

/** An {@link SpiDevice} handle on a {@link SimulatedSpiBus}. Fails UNAVAILABLE once closed. */
final class SimulatedSpiDevice implements SpiDevice {

  private final SimulatedSpiBus bus;
  private final SpiOptions options;
  private final AtomicBoolean closed = new AtomicBoolean();

  SimulatedSpiDevice(SimulatedSpiBus bus, SpiOptions options) {
    this.bus = bus;
    this.options = options;
  }

  @Override
  public int bus() {
    return options.bus();
  }

  @Override
  public int chipSelect() {
    return options.chipSelect();
  }

  @Override
  public byte[] transfer(byte[] tx) throws HardwareIoException {
    if (closed.get()) {
      throw new HardwareIoException(
          HardwareIoException.Kind.UNAVAILABLE,
          String.format("spi-%d.%d is closed", options.bus(), options.chipSelect()));
    }
    return bus.transfer(options.chipSelect(), tx);
  }

  @Override
  public void close() {
    closed.set(true);
  }
}
