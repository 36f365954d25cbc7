package org.streetsense.gateway.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.streetsense.gateway.config.ChannelSpec;
import org.streetsense.gateway.config.Connection;
import org.streetsense.gateway.config.DeviceSpec;
import org.streetsense.gateway.driver.DeviceOptions;
import org.streetsense.gateway.driver.led.LedDescriptor;
import org.streetsense.gateway.driver.spec.DeclaredChannel;
import org.streetsense.gateway.driver.spec.DriverDescriptor;
import org.streetsense.gateway.driver.spec.OptionSpec;

/**
 * Builds the driver options of a device from its entry in the installation file, through its
 * driver's descriptor: every declared option under the key the driver reads (durations in
 * milliseconds), the descriptor's default for every option the file leaves out, the connection
 * (bus, address, pin, chip select, port) and what the driver needs from the declared channels.
 */
public final class DriverOptionsMapping {

  private DriverOptionsMapping() {}

  /** The driver options of {@code d}, as its driver reads them. */
  public static DeviceOptions options(DeviceSpec d) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (OptionSpec option : d.driver().options()) {
      Object value = d.options().containsKey(option.key()) ? d.options().get(option.key())
          : option.defaultValue().orElse(null);
      if (value instanceof Duration dur) {
        value = dur.toMillis();
      }
      if (value != null) {
        values.put(option.driverKey(), value);
      }
    }
    Connection conn = d.connection();
    if (conn instanceof Connection.Gpio g) {
      values.put("pin", g.pin());
    } else if (conn instanceof Connection.I2c i) {
      values.put("bus", i.bus());
      values.put("address", i.address());
    } else if (conn instanceof Connection.Spi s) {
      values.put("bus", s.bus());
      values.put("chip_select", s.chipSelect());
    } else if (conn instanceof Connection.Board b) {
      values.put("board_pin", b.pin());
    } else if (conn instanceof Connection.Serial s) {
      values.put("port", s.port());
    }
    d.driver().channelLayout().apply(declared(d), values);
    return new DeviceOptions(d.id(), values);
  }

  /** The channels of {@code d} as its driver sees them. */
  static List<DeclaredChannel> declared(DeviceSpec d) {
    List<DeclaredChannel> out = new ArrayList<>();
    for (ChannelSpec c : d.channels()) {
      out.add(declared(c));
    }
    return out;
  }

  private static DeclaredChannel declared(ChannelSpec c) {
    return new DeclaredChannel(c.name(), c.index(),
        c.touch().map(t -> OptionalInt.of(t.threshold())).orElse(OptionalInt.empty()),
        c.touch().map(t -> OptionalInt.of(t.release())).orElse(OptionalInt.empty()));
  }

  /** The driver's name for a configured channel. */
  static String driverChannel(DriverDescriptor driver, ChannelSpec c) {
    return driver.driverChannel(declared(c));
  }

  /**
   * Whether a GPIO output ({@code led}, {@code relay}) is on while its pin is low: the file's
   * {@code activeLow} option, else its descriptor's default (false for a {@code led}, true for a
   * {@code relay}: most relay modules switch on a low input; docs/drivers.md).
   */
  static boolean activeLow(DeviceSpec d) {
    return options(d).booleanValue("active_low",
        d.driver().output().map(o -> o.activeLowByDefault()).orElse(false));
  }

  /**
   * Whether a {@code led} is declared {@code dimmable} (driven by hardware PWM; its pin is one of
   * BCM 12, 13, 18, 19, which {@code validate} checks).
   */
  static boolean dimmable(DeviceSpec d) {
    return d.driver() == LedDescriptor.DESCRIPTOR && options(d).booleanValue("dimmable", false);
  }

  /** Whether the device is an on/off output on a GPIO pin of its own. */
  static boolean isActuator(DriverDescriptor driver) {
    return driver.kind() == org.streetsense.gateway.driver.spec.ConnectionKind.GPIO_OUTPUT;
  }
}
