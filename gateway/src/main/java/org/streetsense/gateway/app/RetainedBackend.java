package org.streetsense.gateway.app;

import org.streetsense.bridge.link.SerialLink;
import org.streetsense.bridge.link.SerialLinkOptions;
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
import org.streetsense.gateway.clock.TimeSource;

/**
 * The hardware a reloadable gateway keeps across reloads: every gateway built from a new
 * installation file opens its devices on the same backend (the wires do not change with the
 * file), and {@link #close()} from a stopping gateway leaves it open. The {@link Reloader} closes
 * the real backend with {@link #closeForGood()} when the process stops.
 */
final class RetainedBackend implements HardwareBackend {

  private final HardwareBackend backend;

  RetainedBackend(HardwareBackend backend) {
    this.backend = backend;
  }

  HardwareBackend unwrap() {
    return backend;
  }

  @Override
  public String name() {
    return backend.name();
  }

  @Override
  public TimeSource time() {
    return backend.time();
  }

  @Override
  public DigitalInput digitalInput(DigitalInputOptions options) throws HardwareIoException {
    return backend.digitalInput(options);
  }

  @Override
  public DigitalOutput digitalOutput(DigitalOutputOptions options) throws HardwareIoException {
    return backend.digitalOutput(options);
  }

  @Override
  public PwmChannel pwm(PwmOptions options) throws HardwareIoException {
    return backend.pwm(options);
  }

  @Override
  public I2cDevice i2c(int bus, int address) throws HardwareIoException {
    return backend.i2c(bus, address);
  }

  @Override
  public SpiDevice spi(SpiOptions options) throws HardwareIoException {
    return backend.spi(options);
  }

  @Override
  public SerialLink serial(SerialLinkOptions options) throws HardwareIoException {
    return backend.serial(options);
  }

  /** Left open: the next gateway of this process opens its devices on it. */
  @Override
  public void close() {
  }

  void closeForGood() {
    backend.close();
  }
}
