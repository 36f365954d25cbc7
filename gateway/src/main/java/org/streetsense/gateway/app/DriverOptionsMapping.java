package org.streetsense.gateway.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.streetsense.gateway.config.ChannelSpec;
import org.streetsense.gateway.config.Connection;
import org.streetsense.gateway.config.DeviceSpec;
import org.streetsense.gateway.config.Driver;
import org.streetsense.gateway.config.Durations;
import org.streetsense.gateway.driver.DeviceOptions;

/**
 * Builds the driver options of a device from its entry in the installation file: the connection
 * (bus, address, pin, chip select), the channel layout of indexed chips, and the free-form
 * {@code options} map, whose duration strings ("20ms") become milliseconds and whose friendly keys
 * ({@code debounce}, {@code debounceMode}, {@code hold}, {@code doublePress}, {@code warmUp}, {@code stuckAfter})
 * become the drivers' keys.
 */
public final class DriverOptionsMapping {

  private static final Map<String, String> ALIASES = Map.of(
      "debounce", "debounce_ms",
      "debounceMode", "debounce_mode",
      "hold", "hold_ms",
      "doublePress", "double_press_ms",
      "warmUp", "warm_up_ms",
      "stuckAfter", "stuck_after_ms",
      "activeLow", "active_low",
      "irqPin", "irq_pin",
      "frequency", "frequency_hz",
      "pwmChannel", "pwm_channel");

  private DriverOptionsMapping() {}

  /** The driver options of {@code d}, as its driver reads them. */
  public static DeviceOptions options(DeviceSpec d) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : d.options().entrySet()) {
      String key = ALIASES.getOrDefault(e.getKey(), e.getKey());
      Object value = e.getValue();
      if (key.endsWith("_ms") && value instanceof String s) {
        value = Durations.parse(s).toMillis();
      } else if (value instanceof Duration dur) {
        value = dur.toMillis();
      }
      values.put(key, value);
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
    }
    switch (d.driver()) {
      case BUTTON, DIGITAL_IN -> d.channels().stream().findFirst().ifPresent(c -> values.put("channel", c.name()));
      case MPR121 -> {
        values.put("electrodes", maxIndex(d) + 1);
        // each electrode its own thresholds (the chip-wide defaults stay 12 and 6)
        d.channels().forEach(c -> c.touch().ifPresent(t -> {
          values.put("touch_threshold_" + c.index().orElse(0), t.threshold());
          values.put("release_threshold_" + c.index().orElse(0), t.release());
        }));
      }
      case ADS1115 -> values.put("channels", indexed(d, c -> Map.of("name", c.name(),
          "input", "ain" + c.index().orElse(0))));
      case MCP3008 -> values.put("channels", indexed(d, c -> Map.of("name", c.name(),
          "channel", c.index().orElse(0))));
      default -> { }
    }
    return new DeviceOptions(d.id(), values);
  }

  /** The driver's name for a configured channel. */
  static String driverChannel(Driver driver, ChannelSpec c) {
    return driver == Driver.MPR121 ? "electrode" + c.index().orElse(0) : c.name();
  }

  private static int maxIndex(DeviceSpec d) {
    return d.channels().stream().mapToInt(c -> c.index().orElse(0)).max().orElse(0);
  }

  private static List<Map<String, Object>> indexed(DeviceSpec d,
      java.util.function.Function<ChannelSpec, Map<String, Object>> f) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ChannelSpec c : d.channels()) {
      out.add(f.apply(c));
    }
    return out;
  }

  /**
   * Whether a GPIO output ({@code led}, {@code relay}) is on while its pin is low: the file's
   * {@code activeLow} option, by default false for a {@code led} and true for a {@code relay}
   * (most relay modules switch on a low input; docs/drivers.md).
   *
   * @throws IllegalArgumentException the option is not true or false (names the device and key)
   */
  static boolean activeLow(DeviceSpec d) {
    return options(d).booleanValue("active_low", d.driver() == Driver.RELAY);
  }

  /**
   * Whether a {@code led} is declared {@code dimmable} (driven by hardware PWM; its pin is one of
   * BCM 12, 13, 18, 19, which {@code validate} checks).
   */
  static boolean dimmable(DeviceSpec d) {
    return d.driver() == Driver.LED && options(d).booleanValue("dimmable", false);
  }

  static boolean isActuator(Driver driver) {
    return driver == Driver.LED || driver == Driver.RELAY;
  }
}
