package org.streetsense.gateway.driver.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.streetsense.bridge.link.SerialLink;
import org.streetsense.bridge.link.SerialLinkOptions;
import org.streetsense.gateway.clock.TimeSource;
import org.streetsense.gateway.hardware.DigitalInput;
import org.streetsense.gateway.hardware.DigitalInputOptions;
import org.streetsense.gateway.hardware.DigitalOutput;
import org.streetsense.gateway.hardware.DigitalOutputOptions;
import org.streetsense.gateway.hardware.HardwareBackend;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.I2cDevice;
import org.streetsense.gateway.hardware.PwmChannel;
import org.streetsense.gateway.hardware.PwmOptions;
import org.streetsense.gateway.hardware.SpiDevice;
import org.streetsense.gateway.hardware.SpiOptions;
import org.streetsense.gateway.hardware.simulated.SimulatedI2cChip;
import org.streetsense.gateway.hardware.simulated.SimulatedSpiChip;

/**
 * A minimal {@link HardwareBackend} for driver tests: chips attached at bus addresses (through
 * {@link ChipBackedI2cDevice}), SPI chips per chip select, and scriptable GPIO pins. The full
 * simulated backend lives in {@code hardware.simulated}; this one keeps driver tests independent.
 */
public final class TestBackend implements HardwareBackend {

  private final TimeSource time;
  private final Map<String, TestI2cSlot> i2c = new ConcurrentHashMap<>();
  private final Map<Integer, SimulatedSpiChip> spi = new ConcurrentHashMap<>();
  private final Map<Integer, TestDigitalInput> inputs = new ConcurrentHashMap<>();
  private final Map<Integer, TestDigitalOutput> outputs = new ConcurrentHashMap<>();

  public TestBackend(TimeSource time) {
    this.time = time;
  }

  /** Attaches a chip at {@code bus}/{@code address}; returns its fault switch. */
  public TestI2cSlot attach(int bus, int address, SimulatedI2cChip chip) {
    TestI2cSlot slot = new TestI2cSlot(chip);
    i2c.put(bus + "/" + address, slot);
    return slot;
  }

  public void attachSpi(int chipSelect, SimulatedSpiChip chip) {
    spi.put(chipSelect, chip);
  }

  /** The input on {@code pin}, created on first use so a test can drive it before a driver opens. */
  public TestDigitalInput input(int pin) {
    return inputs.computeIfAbsent(pin, p -> new TestDigitalInput(p, time));
  }

  public TestDigitalOutput output(int pin) {
    return outputs.get(pin);
  }

  @Override
  public String name() {
    return "test";
  }

  @Override
  public TimeSource time() {
    return time;
  }

  @Override
  public DigitalInput digitalInput(DigitalInputOptions options) {
    TestDigitalInput in = input(options.pin());
    in.reopen();
    return in;
  }

  @Override
  public DigitalOutput digitalOutput(DigitalOutputOptions options) {
    TestDigitalOutput out = new TestDigitalOutput(options);
    outputs.put(options.pin(), out);
    return out;
  }

  @Override
  public PwmChannel pwm(PwmOptions options) throws HardwareIoException {
    throw new HardwareIoException(HardwareIoException.Kind.UNAVAILABLE, "no PWM in test backend");
  }

  @Override
  public I2cDevice i2c(int bus, int address) throws HardwareIoException {
    TestI2cSlot slot = i2c.get(bus + "/" + address);
    if (slot == null) {
      slot = new TestI2cSlot(new SimulatedI2cChip() {
        @Override
        public void onWrite(byte[] data) {}

        @Override
        public void onRead(byte[] buffer) {}
      });
      slot.fault(TestI2cSlot.Fault.ABSENT);
    }
    return new ChipBackedI2cDevice(slot, bus, address);
  }

  @Override
  public SpiDevice spi(SpiOptions options) throws HardwareIoException {
    SimulatedSpiChip chip = spi.get(options.chipSelect());
    if (chip == null) {
      throw new HardwareIoException(
          HardwareIoException.Kind.UNAVAILABLE, "no SPI device on CE" + options.chipSelect());
    }
    return new SpiDevice() {
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
        return chip.transfer(tx.clone());
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public SerialLink serial(SerialLinkOptions options) throws HardwareIoException {
    throw new HardwareIoException(HardwareIoException.Kind.UNAVAILABLE, "no serial in test backend");
  }

  @Override
  public void close() {
    outputs.values().forEach(TestDigitalOutput::close);
  }
}
