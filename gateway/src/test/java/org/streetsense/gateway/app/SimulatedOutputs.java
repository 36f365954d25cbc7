package org.streetsense.gateway.app;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.streetsense.gateway.actuator.Actuator;
import org.streetsense.gateway.config.ConfigException;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.config.InstallationLoader;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.simulated.SimulatedBackend;
import org.streetsense.gateway.hardware.simulated.chips.Pca9685Chip;
import org.streetsense.harness.FreePorts;

/**
 * The outputs of a small installation on the simulated backend, opened as the gateway opens them,
 * for the output tests of this package ({@link Pca9685PolarityTest}, {@link
 * SafeStateOnOutputsTest}): the file around a devices list, the opened outputs, and what a test
 * reads at the output (an actuator by id, a PCA9685 chip model on I2C bus 1).
 */
final class SimulatedOutputs {

  private SimulatedOutputs() {}

  /**
   * The installation {@code name} with the items of {@code devices} (YAML list items, unindented):
   * the simulated backend seeded 1, a broker port nothing listens on, a spool under /tmp.
   */
  static Installation installation(String name, String devices) throws ConfigException {
    String yaml = """
        installation: %s
        site: Unit test bench
        hardware: {backend: simulated, seed: 1}
        devices:
        %s
        uplink:
          mqtt: {url: "tcp://127.0.0.1:%d"}
        spool: {dir: /tmp/streetsense-%s-test}
        """.formatted(name, devices.indent(2).stripTrailing(), FreePorts.next(), name);
    return InstallationLoader.load(name + ".yaml",
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }

  /** Puts the installation's chip models on {@code backend} and opens its outputs. */
  static Devices open(Installation inst, SimulatedBackend backend) throws HardwareIoException {
    SimulatedInstallation.populate(backend, inst);
    return Devices.openOutputs(inst, backend, InteractionPlan.from(inst));
  }

  /** The opened actuator {@code id} ({@code device} or {@code device/channel}). */
  static Actuator actuator(Devices devices, String id) {
    return devices.actuators().stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
  }

  /** The PCA9685 chip model at {@code address} on I2C bus 1. */
  static Pca9685Chip pca9685(SimulatedBackend backend, int address) {
    return (Pca9685Chip) backend.i2cBus(1).chipAt(address);
  }
}
