package org.streetsense.gateway.probe;

import java.util.Objects;

/**
 * An I2C device the installation file declares.
 *
 * @param deviceId device id
 * @param bus I2C bus number
 * @param address 7-bit address
 * @param driver driver name: an I2C driver of {@link org.streetsense.gateway.driver.DriverRegistry},
 *     whose descriptor's chip signature {@code probe} expects to find
 */
public record ExpectedDevice(String deviceId, int bus, int address, String driver) {

  public ExpectedDevice {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(driver, "driver");
    if (address < 0x03 || address > 0x77) {
      throw new IllegalArgumentException(
          "device '" + deviceId + "' I2C address must be 0x03..0x77, was 0x"
              + Integer.toHexString(address));
    }
  }
}
