package org.streetsense.gateway.driver;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.streetsense.gateway.driver.ads1115.Ads1115Driver;
import org.streetsense.gateway.driver.bh1750.Bh1750Driver;
import org.streetsense.gateway.driver.bme280.Bme280Driver;
import org.streetsense.gateway.driver.button.ButtonDriver;
import org.streetsense.gateway.driver.digitalin.DigitalInDriver;
import org.streetsense.gateway.driver.mcp3008.Mcp3008Driver;
import org.streetsense.gateway.driver.mpr121.Mpr121Driver;
import org.streetsense.gateway.driver.pca9685.Pca9685Driver;
import org.streetsense.gateway.driver.pir.PirDriver;

/**
 * The input and chip drivers an installation file can name ({@code "driver": "bme280"}), and how
 * to create them. GPIO outputs ({@code led}, {@code relay}) have no driver object: app/Devices
 * builds them as {@code DigitalActuator}s.
 * Creating a driver validates the options it needs before {@code open}; a bad option fails with a
 * message naming the device and the key.
 */
public final class DriverCatalog {

  private static final Map<String, Function<DeviceOptions, Driver>> DRIVERS = new TreeMap<>();

  static {
    DRIVERS.put("button", o -> new ButtonDriver(o.stringValue("channel", "button")));
    DRIVERS.put("pir", o -> new PirDriver());
    DRIVERS.put("digital-in", o -> new DigitalInDriver(o.stringValue("channel", "level")));
    DRIVERS.put("bme280", o -> new Bme280Driver());
    DRIVERS.put("bh1750", o -> new Bh1750Driver());
    DRIVERS.put("mpr121", Mpr121Driver::new);
    DRIVERS.put("ads1115", Ads1115Driver::new);
    DRIVERS.put("pca9685", o -> new Pca9685Driver());
    DRIVERS.put("mcp3008", Mcp3008Driver::new);
  }

  private DriverCatalog() {}

  /** Names of all known drivers, sorted. */
  public static Set<String> names() {
    return DRIVERS.keySet();
  }

  /**
   * Creates the driver {@code name} for a device.
   *
   * @throws IllegalArgumentException unknown driver name, or invalid options
   */
  public static Driver create(String name, DeviceOptions options) {
    Function<DeviceOptions, Driver> f = DRIVERS.get(name);
    if (f == null) {
      throw new IllegalArgumentException("device '" + options.deviceId() + "' driver '" + name
          + "' is unknown; known drivers: " + String.join(", ", DRIVERS.keySet()));
    }
    return f.apply(options);
  }
}
