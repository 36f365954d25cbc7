package org.streetsense.gateway.probe;

import java.util.Optional;
import org.streetsense.gateway.hardware.HardwareIoException;
import org.streetsense.gateway.hardware.I2cDevice;

/**
 * Recognises the chips Streetsense drives by their identity registers or power-on signatures.
 * Checks are chosen by address so no chip receives another chip's commands at its own address
 * range. The MPR121 check soft-resets the chip (its only reliable signature), so probing is for
 * setup time, not while the gateway runs.
 */
final class ChipSignatures {

  private ChipSignatures() {}

  /** Identifies the device (which already acknowledged a read). */
  static ChipIdentity identify(I2cDevice dev) {
    int a = dev.address();
    Optional<ChipIdentity> id = Optional.empty();
    if (a == 0x76 || a == 0x77) {
      id = bme280(dev);
    }
    if (id.isEmpty() && a >= 0x5A && a <= 0x5D) {
      id = mpr121(dev);
    }
    if (id.isEmpty() && a >= 0x48 && a <= 0x4B) {
      id = ads1115(dev);
    }
    if (id.isEmpty() && a >= 0x40 && a <= 0x7F && a != 0x70) {
      id = pca9685(dev);
    }
    if (id.isEmpty() && (a == 0x23 || a == 0x5C)) {
      id = bh1750(dev);
    }
    return id.orElse(new ChipIdentity(ChipIdentity.UNKNOWN, "answers but matches no known signature"));
  }

  static Optional<ChipIdentity> bme280(I2cDevice dev) {
    try {
      int id = dev.readRegister(0xD0);
      String evidence = String.format("chip id 0xD0 = 0x%02X", id);
      return switch (id) {
        case 0x60 -> Optional.of(new ChipIdentity("bme280", evidence));
        case 0x56, 0x57, 0x58 -> Optional.of(new ChipIdentity("bmp280", evidence));
        case 0x61 -> Optional.of(new ChipIdentity("bme680", evidence));
        default -> Optional.empty();
      };
    } catch (HardwareIoException e) {
      return Optional.empty();
    }
  }

  static Optional<ChipIdentity> mpr121(I2cDevice dev) {
    try {
      dev.writeRegister(0x80, 0x63);
      int config2 = dev.readRegister(0x5D);
      return config2 == 0x24
          ? Optional.of(new ChipIdentity("mpr121", "CONFIG2 0x5D = 0x24 after soft reset"))
          : Optional.empty();
    } catch (HardwareIoException e) {
      return Optional.empty();
    }
  }

  static Optional<ChipIdentity> ads1115(I2cDevice dev) {
    try {
      int config = read16(dev, 0x01);
      if (config == 0x8583) {
        return Optional.of(new ChipIdentity("ads1115", "config register = 0x8583 (power-on default)"));
      }
      int lo = read16(dev, 0x02);
      int hi = read16(dev, 0x03);
      if (lo == 0x8000 && hi == 0x7FFF) {
        return Optional.of(new ChipIdentity("ads1115", String.format(
            "threshold registers at defaults 0x8000/0x7FFF, config 0x%04X", config)));
      }
      return Optional.empty();
    } catch (HardwareIoException e) {
      return Optional.empty();
    }
  }

  static Optional<ChipIdentity> pca9685(I2cDevice dev) {
    try {
      int mode1 = dev.readRegister(0x00);
      int prescale = dev.readRegister(0xFE);
      boolean plausible = (mode1 & 0x4F) == 0x01 && prescale >= 3;
      return plausible
          ? Optional.of(new ChipIdentity("pca9685",
              String.format("MODE1 = 0x%02X (power-on 0x11), PRE_SCALE = %d", mode1, prescale)))
          : Optional.empty();
    } catch (HardwareIoException e) {
      return Optional.empty();
    }
  }

  static Optional<ChipIdentity> bh1750(I2cDevice dev) {
    try {
      dev.write(new byte[] {0x01});
      return Optional.of(new ChipIdentity("bh1750",
          "acknowledges the power-on instruction 0x01 (the chip has no id register)"));
    } catch (HardwareIoException e) {
      return Optional.empty();
    }
  }

  private static int read16(I2cDevice dev, int reg) throws HardwareIoException {
    byte[] b = new byte[2];
    dev.writeRead(new byte[] {(byte) reg}, b);
    return ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
  }

  /** Whether {@code identity} satisfies a device expecting {@code driver}. */
  static boolean matches(String driver, ChipIdentity identity) {
    return identity.chip().equals(driver);
  }
}
