package org.streetsense.gateway.driver.bme280;

import org.streetsense.gateway.driver.DeviceOptions;

/**
 * BME280 options. Installation keys: {@code bus} (default 1), {@code address} (0x76 with SDO to
 * GND, 0x77 with SDO to VDDIO; default 0x76), {@code oversampling_temperature},
 * {@code oversampling_pressure}, {@code oversampling_humidity} (each 0 = skip, 1, 2, 4, 8, 16;
 * default 1).
 */
public record Bme280Options(int bus, int address, int osrsT, int osrsP, int osrsH) {

  public Bme280Options {
    if (address != 0x76 && address != 0x77) {
      throw new IllegalArgumentException(
          "BME280 address must be 0x76 or 0x77, was 0x" + Integer.toHexString(address));
    }
  }

  public static Bme280Options from(DeviceOptions o) {
    return new Bme280Options(
        o.intValue("bus", 1),
        o.intValue("address", 0x76),
        code(o, "oversampling_temperature"),
        code(o, "oversampling_pressure"),
        code(o, "oversampling_humidity"));
  }

  /** Register code 0..5 for an oversampling factor. */
  private static int code(DeviceOptions o, String key) {
    int factor = o.intValue(key, 1);
    return switch (factor) {
      case 0 -> 0;
      case 1 -> 1;
      case 2 -> 2;
      case 4 -> 3;
      case 8 -> 4;
      case 16 -> 5;
      default -> throw o.error(key, "must be 0, 1, 2, 4, 8 or 16, was " + factor);
    };
  }
}
