package org.streetsense.gateway.driver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.streetsense.gateway.driver.boarddistance.BoardDistanceDescriptor;
import org.streetsense.gateway.driver.boardoutput.BoardOutputDescriptor;
import org.streetsense.gateway.driver.boardpwm.BoardPwmDescriptor;
import org.streetsense.gateway.driver.boardservo.BoardServoDescriptor;
import org.streetsense.gateway.driver.boardpin.BoardPinDescriptor;
import org.streetsense.gateway.driver.ads1115.Ads1115Descriptor;
import org.streetsense.gateway.driver.bh1750.Bh1750Descriptor;
import org.streetsense.gateway.driver.bme280.Bme280Descriptor;
import org.streetsense.gateway.driver.button.ButtonDescriptor;
import org.streetsense.gateway.driver.digitalin.DigitalInDescriptor;
import org.streetsense.gateway.driver.led.LedDescriptor;
import org.streetsense.gateway.driver.mcp3008.Mcp3008Descriptor;
import org.streetsense.gateway.driver.mpr121.Mpr121Descriptor;
import org.streetsense.gateway.driver.pca9685.Pca9685Descriptor;
import org.streetsense.gateway.driver.pir.PirDescriptor;
import org.streetsense.gateway.driver.pms5003.Pms5003Descriptor;
import org.streetsense.gateway.driver.relay.RelayDescriptor;
import org.streetsense.gateway.driver.scd41.Scd41Descriptor;
import org.streetsense.gateway.driver.spec.DriverDescriptor;
import org.streetsense.gateway.driver.vl53l0x.Vl53l0xDescriptor;

/**
 * Every driver an installation file can name, one registration line each. The order is the order
 * of the docs, the JSON Schema and messages; {@code probe} tries strong chip signatures in this
 * order, then weak ones. Adding a driver: write its package with a descriptor and add one line
 * here (docs/drivers.md, "Adding a driver").
 */
public final class DriverRegistry {

  private static final Map<String, DriverDescriptor> ALL = new LinkedHashMap<>();

  static {
    register(ButtonDescriptor.DESCRIPTOR);
    register(PirDescriptor.DESCRIPTOR);
    register(DigitalInDescriptor.DESCRIPTOR);
    register(LedDescriptor.DESCRIPTOR);
    register(RelayDescriptor.DESCRIPTOR);
    register(Bme280Descriptor.DESCRIPTOR);
    register(Bh1750Descriptor.DESCRIPTOR);
    register(Mpr121Descriptor.DESCRIPTOR);
    register(Ads1115Descriptor.DESCRIPTOR);
    register(Pca9685Descriptor.DESCRIPTOR);
    register(Mcp3008Descriptor.DESCRIPTOR);
    register(BoardPinDescriptor.DESCRIPTOR);
    register(BoardDistanceDescriptor.DESCRIPTOR);
    register(BoardOutputDescriptor.DESCRIPTOR);
    register(BoardPwmDescriptor.DESCRIPTOR);
    register(BoardServoDescriptor.DESCRIPTOR);
    register(Scd41Descriptor.DESCRIPTOR);
    register(Pms5003Descriptor.DESCRIPTOR);
    register(Vl53l0xDescriptor.DESCRIPTOR);
  }

  private DriverRegistry() {}

  private static void register(DriverDescriptor d) {
    if (ALL.putIfAbsent(d.configName(), d) != null) {
      throw new IllegalStateException("driver '" + d.configName() + "' is registered twice");
    }
  }

  /** Every descriptor, in registration order. */
  public static List<DriverDescriptor> all() {
    return List.copyOf(ALL.values());
  }

  /** Names of every driver, in registration order. */
  public static List<String> names() {
    return new ArrayList<>(ALL.keySet());
  }

  /** The driver the file calls {@code name}. */
  public static Optional<DriverDescriptor> find(String name) {
    return Optional.ofNullable(ALL.get(name));
  }

  /**
   * Creates the driver {@code name} for a device.
   *
   * @throws IllegalArgumentException unknown driver name, a driver that has no driver object
   *     (GPIO outputs, board pins), or invalid options
   */
  public static Driver create(String name, DeviceOptions options) {
    DriverDescriptor d = find(name).orElseThrow(() -> new IllegalArgumentException("device '"
        + options.deviceId() + "' driver '" + name + "' is unknown; known drivers: "
        + String.join(", ", names())));
    return d.factory().orElseThrow(() -> new IllegalArgumentException("device '"
        + options.deviceId() + "' driver '" + name + "' is not run by a driver object"))
        .create(options);
  }
}
