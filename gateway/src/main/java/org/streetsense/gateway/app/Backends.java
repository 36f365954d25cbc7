package org.streetsense.gateway.app;

import org.streetsense.bridge.link.JSerialCommLink;
import org.streetsense.gateway.config.BackendKind;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.hardware.HardwareBackend;
import org.streetsense.gateway.hardware.pi4j.Pi4jBackend;
import org.streetsense.gateway.hardware.simulated.SimulatedBackend;

/** Builds the hardware backend an installation file names. */
final class Backends {

  private Backends() {}

  static HardwareBackend create(Installation inst) {
    if (inst.hardware().backend() == BackendKind.SIMULATED) {
      return SimulatedBackend.builder().seed(inst.hardware().seed()).build();
    }
    return Pi4jBackend.forRaspberryPi(JSerialCommLink::new);
  }
}
