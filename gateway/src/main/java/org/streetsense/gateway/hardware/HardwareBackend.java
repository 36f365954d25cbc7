package org.streetsense.gateway.hardware;

import org.streetsense.bridge.link.SerialLink;
import org.streetsense.bridge.link.SerialLinkOptions;
import org.streetsense.gateway.clock.TimeSource;

/**
 * Opens pins and buses. Two implementations: {@code pi4j} (a Raspberry Pi) and {@code simulated}
 * (rigs, demos, tests). Driver code sees only this interface and the device interfaces it returns.
 *
 * <p>Opening is blocking and may fail with {@link HardwareIoException}. Closing the backend closes
 * everything it opened, driving every output to its declared shutdown state first.
 */
public interface HardwareBackend extends AutoCloseable {

  /** {@code "pi4j"} or {@code "simulated"}. */
  String name();

  TimeSource time();

  DigitalInput digitalInput(DigitalInputOptions options) throws HardwareIoException;

  DigitalOutput digitalOutput(DigitalOutputOptions options) throws HardwareIoException;

  PwmChannel pwm(PwmOptions options) throws HardwareIoException;

  I2cDevice i2c(int bus, int address) throws HardwareIoException;

  SpiDevice spi(SpiOptions options) throws HardwareIoException;

  SerialLink serial(SerialLinkOptions options) throws HardwareIoException;

  /** Drives every open output to its shutdown state, then releases everything. Never throws. */
  @Override
  void close();
}
