package org.streetsense.gateway.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.streetsense.gateway.driver.DriverRegistry;
import org.streetsense.gateway.driver.spec.ChipMatch;
import org.streetsense.gateway.driver.spec.ChipSignature;
import org.streetsense.gateway.driver.spec.DriverDescriptor;
import org.streetsense.gateway.hardware.I2cDevice;

/**
 * Recognises the chips Streetsense drives by the signatures their descriptors declare. Only the
 * drivers that can sit at the address are asked, so no chip receives another chip's commands at
 * its own address range: strong signatures (identity registers, power-on defaults) in registry
 * order first, then weak ones (a chip that only acknowledges). The MPR121 check soft-resets the
 * chip (its only reliable signature), so probing is for setup time, not while the gateway runs.
 */
final class ChipSignatures {

  private ChipSignatures() {}

  /** Identifies the device (which already acknowledged a read). */
  static ChipIdentity identify(I2cDevice dev) {
    for (ChipSignature signature : candidates(dev.address())) {
      Optional<ChipMatch> match = signature.check().identify(dev);
      if (match.isPresent()) {
        return new ChipIdentity(match.get().chip(), match.get().evidence());
      }
    }
    return new ChipIdentity(ChipIdentity.UNKNOWN, "answers but matches no known signature");
  }

  /** The signatures of the drivers that can sit at {@code address}, strong ones first. */
  static List<ChipSignature> candidates(int address) {
    List<ChipSignature> strong = new ArrayList<>();
    List<ChipSignature> weak = new ArrayList<>();
    for (DriverDescriptor d : DriverRegistry.all()) {
      if (d.signature().isPresent() && d.addresses().contains(address)) {
        (d.signature().get().strong() ? strong : weak).add(d.signature().get());
      }
    }
    strong.addAll(weak);
    return strong;
  }

  /** Whether {@code identity} satisfies a device expecting {@code driver}. */
  static boolean matches(String driver, ChipIdentity identity) {
    return identity.chip().equals(driver);
  }
}
