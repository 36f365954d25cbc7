package org.streetsense.gateway.app;

import java.util.Objects;
import org.streetsense.gateway.config.Connection;
import org.streetsense.gateway.config.DeviceSpec;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.hardware.simulated.BusFault;
import org.streetsense.gateway.hardware.simulated.SimulatedBackend;
import org.streetsense.gateway.hardware.simulated.chips.Mpr121Chip;

/**
 * What a scenario can do to a simulated installation, by device id from the installation file:
 * set pin levels, touch electrodes, pull devices off the bus and plug them back. Thread-safe as
 * far as the simulated backend is.
 */
public final class RigControl {

  private final SimulatedBackend backend;
  private final Installation installation;

  public RigControl(SimulatedBackend backend, Installation installation) {
    this.backend = Objects.requireNonNull(backend, "backend");
    this.installation = Objects.requireNonNull(installation, "installation");
  }

  /** Drives the pin of a GPIO device (button, PIR) to a level. */
  public void pin(String deviceId, boolean high) {
    backend.pin(((Connection.Gpio) device(deviceId).connection()).pin()).setLevel(high);
  }

  /** Touches or releases an electrode of an MPR121 device. */
  public void touch(String deviceId, int electrode, boolean on) {
    Connection.I2c c = (Connection.I2c) device(deviceId).connection();
    ((Mpr121Chip) backend.i2cBus(c.bus()).chipAt(c.address())).touch(electrode, on);
  }

  /** Pulls an I2C device off its bus: transactions get no ACK until {@link #plugBack}. */
  public void unplug(String deviceId) {
    Connection.I2c c = (Connection.I2c) device(deviceId).connection();
    backend.i2cBus(c.bus()).injectFault(c.address(), BusFault.unplugged());
  }

  public void plugBack(String deviceId) {
    Connection.I2c c = (Connection.I2c) device(deviceId).connection();
    backend.i2cBus(c.bus()).clearFault(c.address());
  }

  private DeviceSpec device(String id) {
    return installation.device(id).orElseThrow(() ->
        new IllegalArgumentException("the installation has no device '" + id + "'"));
  }
}
