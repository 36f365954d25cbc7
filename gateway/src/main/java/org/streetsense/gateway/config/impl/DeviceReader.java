package org.streetsense.gateway.config.impl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.streetsense.gateway.config.ChannelSpec;
import org.streetsense.gateway.config.Connection;
import org.streetsense.gateway.config.DeviceSpec;
import org.streetsense.gateway.config.Durations;
import org.streetsense.gateway.config.SafeState;
import org.streetsense.gateway.config.Sampling;
import org.streetsense.gateway.config.SamplingMode;
import org.streetsense.gateway.driver.DriverRegistry;
import org.streetsense.gateway.driver.spec.ConnectionKind;
import org.streetsense.gateway.driver.spec.DriverDescriptor;
import org.streetsense.gateway.driver.spec.OutputCapability;

/** Reads one entry of {@code devices}: driver, connection, sampling, channels, safe state. */
final class DeviceReader {

  private static final String[] KEYS = {"id", "driver", "pin", "bus", "address", "spi", "board",
      "port", "period", "mode", "channels", "safeState", "public", "options"};
  private static final List<String> CONNECTION_KEYS =
      Arrays.asList("pin", "bus", "address", "spi", "board", "port");

  private final Problems problems;
  private final Collection<String> boardIds;
  private final Collection<String> languages;

  /** @param boardIds ids of the declared boards, or null when the boards section is broken */
  DeviceReader(Problems problems, Collection<String> boardIds) {
    this(problems, boardIds, LocalizedText.builtIn());
  }

  /** @param languages the installation's languages, which channel labels may name */
  DeviceReader(Problems problems, Collection<String> boardIds, Collection<String> languages) {
    this.problems = problems;
    this.boardIds = boardIds;
    this.languages = languages;
  }

  /** The device, or null when it has problems (all reported). */
  DeviceSpec read(YamlNode node) {
    int mark = problems.mark();
    Fields f = Fields.of(node, problems, "a device", KEYS);
    if (f == null) {
      return null;
    }
    String id = Checks.slug(f, "id", "the device id", "bme280-1");
    DriverDescriptor driver = null;
    YamlNode driverNode = f.required("driver", "one of " + driverNames());
    if (driverNode != null) {
      driver = driver(driverNode);
    }
    if (driver == null) {
      return null;
    }
    Connection connection = connection(f, driver);
    boardOutputPin(f, driver, connection);
    Optional<Sampling> sampling = sampling(f, driver);
    boolean isPublic = Boolean.TRUE.equals(f.bool("public", false));
    List<ChannelSpec> channels =
        new ChannelReader(problems, driver, languages).read(f.map(), f.node("channels"), isPublic);
    Optional<SafeState> safeState = safeState(f, driver);
    Map<String, Object> options = new OptionsReader(problems, driver).read(f.node("options"));
    analogPinDebounce(f, driver, connection, options);
    if (problems.since(mark)) {
      return null;
    }
    return new DeviceSpec(id, driver, connection, sampling, channels, safeState, options);
  }

  /** The registered driver {@code node} names, or null after a problem with a suggestion. */
  private DriverDescriptor driver(YamlNode node) {
    String name = node instanceof YamlScalar s && !s.isNull() ? s.text() : null;
    Optional<DriverDescriptor> found = name == null ? Optional.empty()
        : DriverRegistry.find(name);
    if (found.isPresent()) {
      return found.get();
    }
    String guess = name == null ? "" : Suggestions.closest(name, DriverRegistry.names())
        .map(c -> "did you mean '" + c + "'? ").orElse("");
    problems.at(node, (name == null ? "expected a driver, found " + node.kind()
        : "'" + name + "' is not a known driver") + "; " + guess + "allowed: " + driverNames());
    return null;
  }

  private Connection connection(Fields f, DriverDescriptor driver) {
    switch (driver.kind()) {
      case GPIO_INPUT:
      case GPIO_OUTPUT:
        forbidOthers(f, driver, "pin", "a GPIO driver");
        Long pin = gpioPin(f, driver);
        return pin == null ? null : new Connection.Gpio(pin.intValue());
      case I2C:
        forbidOthers(f, driver, "address", "an I2C driver");
        return i2c(f, driver);
      case SPI:
        forbidOthers(f, driver, "spi", "an SPI driver");
        return spi(f);
      case SERIAL:
        forbidOthers(f, driver, "port", "a serial driver");
        return serial(f);
      default:
        forbidOthers(f, driver, "board", "a board driver");
        return board(f);
    }
  }

  private Connection serial(Fields f) {
    YamlNode node = f.required("port", "the serial port, like /dev/serial0 or /dev/ttyUSB0");
    String port = node == null ? null : Values.text(node, problems);
    if (port != null && !port.matches("/dev/[A-Za-z0-9._/-]{1,64}")) {
      problems.at(node, "'" + port + "' is not a serial port; write a device path like "
          + "/dev/serial0 or /dev/ttyUSB0");
      return null;
    }
    return port == null ? null : new Connection.Serial(port);
  }

  private Long gpioPin(Fields f, DriverDescriptor driver) {
    YamlNode node = f.required("pin", driver.configName() + " is a GPIO driver; give its BCM pin 0..27");
    return node == null ? null : Values.integer(node, problems, 0, 27, "a BCM GPIO pin");
  }

  /** Reports connection keys that do not belong to {@code driver}'s kind. */
  private void forbidOthers(Fields f, DriverDescriptor driver, String main, String kind) {
    List<String> allowed = new ArrayList<>();
    allowed.add(main);
    if (driver.kind() == ConnectionKind.I2C) {
      allowed.add("bus");
    }
    if (driver.kind() == ConnectionKind.BOARD) {
      allowed.add("pin");
    }
    for (String key : CONNECTION_KEYS) {
      if (!allowed.contains(key)) {
        Checks.forbid(f, key, "by " + driver.configName() + " (" + kind + "; it needs "
            + String.join(" and ", allowed) + ")");
      }
    }
  }

  private Connection i2c(Fields f, DriverDescriptor driver) {
    Long bus = f.integer("bus", 0, 255, "an I2C bus number", 1L);
    YamlNode node = f.required("address",
        driver.configName() + " is an I2C chip; give its address, one of " + driver.addressText());
    if (node == null || bus == null) {
      return null;
    }
    Long address = Values.parseInteger(node);
    if (address == null) {
      problems.at(node, Values.describe(node) + " is not an I2C address; write it as hex like "
          + DriverDescriptor.hex(driver.addresses().get(0)) + "; allowed for " + driver.configName() + ": "
          + driver.addressText());
      return null;
    }
    if (!driver.addresses().contains(address.intValue()) || address > 0x7F) {
      String shown = address >= 0 && address <= 0xFFFF ? DriverDescriptor.hex(address.intValue())
          : address.toString();
      problems.at(node, shown + " is not an address of " + driver.configName() + "; allowed "
          + driver.addressText());
      return null;
    }
    return new Connection.I2c(bus.intValue(), address.intValue());
  }

  private Connection spi(Fields f) {
    YamlNode node = f.required("spi", "an SPI chip needs spi: {bus: 0, cs: 0}");
    if (node == null) {
      return null;
    }
    Fields s = Fields.of(node, problems, "the SPI connection", "bus", "cs");
    if (s == null) {
      return null;
    }
    Long bus = s.integer("bus", 0, 6, "an SPI bus number", 0L);
    YamlNode csNode = s.required("cs", "the chip-select line, 0 or 1 on a Raspberry Pi");
    Long cs = csNode == null ? null : Values.integer(csNode, problems, 0, 3, "a chip-select line");
    return bus == null || cs == null ? null : new Connection.Spi(bus.intValue(), cs.intValue());
  }

  private Connection board(Fields f) {
    YamlNode boardNode = f.required("board", "the id of an entry in boards");
    YamlNode pinNode = f.required("pin", "a board pin like A0 (analog) or D7 (digital)");
    String board = boardNode == null ? null : Values.text(boardNode, problems);
    String pin = pinNode == null ? null : Values.text(pinNode, problems);
    if (board != null && boardIds != null && !boardIds.contains(board)) {
      String hint = Suggestions.closest(board, boardIds).map(c -> "did you mean '" + c + "'? ")
          .orElse("");
      problems.at(boardNode, "no board '" + board + "' in boards; " + hint
          + (boardIds.isEmpty() ? "declare it under boards" : "known: " + String.join(", ", boardIds)));
      board = null;
    }
    if (pin != null && !pin.matches("[AD](\\d|[1-6]\\d)")) {
      problems.at(pinNode, "'" + pin + "' is not a board pin; allowed A0..A15 (analog) or D0..D69 "
          + "(digital)");
      pin = null;
    } else if (pin != null && pin.startsWith("A") && Integer.parseInt(pin.substring(1)) > 15) {
      problems.at(pinNode, "'" + pin + "' is not a board pin; analog pins are A0..A15");
      pin = null;
    }
    return board == null || pin == null ? null : new Connection.Board(board, pin);
  }

  /**
   * A board's analog pin is read as counts, which are not debounced: its {@code debounce} and
   * {@code debounceMode} options would silently do nothing, so they are refused.
   */
  private void analogPinDebounce(Fields f, DriverDescriptor driver, Connection connection,
      Map<String, Object> options) {
    if (driver.kind() == ConnectionKind.BOARD && connection instanceof Connection.Board b
        && b.pin().startsWith("A") && f.node("options") instanceof YamlMap map) {
      for (String key : List.of("debounce", "debounceMode")) {
        if (options.containsKey(key)) {
          problems.atKey(map, key, key + " of " + driver.configName() + " applies to a digital "
              + "pin like D2; " + b.pin() + " is read as analog counts, which are not debounced");
        }
      }
    }
  }

  /** PWM and servo pulses come from digital pins: {@code D3}, not {@code A3}. */
  private void boardOutputPin(Fields f, DriverDescriptor driver, Connection connection) {
    boolean pulses = driver.output().map(o -> !o.capabilities().contains(OutputCapability.ON_OFF))
        .orElse(false);
    if (pulses && connection instanceof Connection.Board b && b.pin().startsWith("A")) {
      boolean servo = driver.output().orElseThrow().capabilities().contains(OutputCapability.ANGLE);
      problems.at(f.node("pin"), driver.configName() + " drives a " + (servo ? "servo" : "PWM")
          + " signal from a digital pin like D9, not the analog pin " + b.pin());
    }
  }

  private Optional<Sampling> sampling(Fields f, DriverDescriptor driver) {
    if (driver.isOutput()) {
      for (String key : List.of("period", "mode")) {
        Checks.forbid(f, key, "by " + driver.configName() + " (an output has no sampling)");
      }
      return Optional.empty();
    }
    SamplingMode mode = f.choice("mode", SamplingMode.class, "sampling mode", null);
    Duration period = f.duration("period", null, Sampling.MIN_PERIOD, Duration.ofDays(1));
    if (f.has("mode") && mode == null || f.has("period") && period == null) {
      return Optional.empty();
    }
    if (mode == SamplingMode.EVENT) {
      if (f.has("period")) {
        problems.atKey(f.map(), "period", "period cannot be combined with mode: event; remove "
            + "period for event reporting or mode for periodic readings");
        return Optional.empty();
      }
      if (!driver.isEventCapable()) {
        problems.at(f.node("mode"), driver.configName() + " cannot report events; allowed: "
            + "mode: periodic with a period like " + defaultPeriodText(driver));
        return Optional.empty();
      }
      return Optional.of(Sampling.event());
    }
    if (period != null) {
      return Optional.of(Sampling.every(period));
    }
    if (mode == SamplingMode.PERIODIC) {
      problems.missing(f.map(), "period", "required with mode: periodic; a duration like "
          + defaultPeriodText(driver));
      return Optional.empty();
    }
    return Sampling.defaultFor(driver);
  }

  private static String defaultPeriodText(DriverDescriptor driver) {
    return driver.defaultPeriod().map(Durations::format).orElse("1s");
  }

  private Optional<SafeState> safeState(Fields f, DriverDescriptor driver) {
    if (!driver.isOutput()) {
      List<String> outputs = DriverRegistry.all().stream()
          .filter(d -> d.output().map(o -> o.hasSafeState()).orElse(false))
          .map(DriverDescriptor::configName).toList();
      String listed = outputs.size() < 2 ? String.join("", outputs)
          : String.join(", ", outputs.subList(0, outputs.size() - 1)) + " and "
              + outputs.get(outputs.size() - 1);
      Checks.forbid(f, "safeState", "by " + driver.configName() + " (only outputs " + listed
          + " have a safe state)");
      return Optional.empty();
    }
    if (!driver.output().orElseThrow().hasSafeState()) {
      Checks.forbid(f, "safeState", "by " + driver.configName() + " (a servo rests at an angle: "
          + "options: {safeAngle: 90})");
      return Optional.empty();
    }
    YamlNode node = f.node("safeState");
    if (node instanceof YamlScalar && ((YamlScalar) node).type() == YamlScalar.Type.BOOLEAN) {
      // YAML 1.1 reads a bare on/off as a boolean; take it as written.
      return Optional.of(Values.bool(node, problems) ? SafeState.ON : SafeState.OFF);
    }
    SafeState fallback = driver.output().map(o -> o.defaultSafeState().equals("on") ? SafeState.ON
        : SafeState.OFF).orElse(SafeState.OFF);
    return Optional.ofNullable(f.choice("safeState", SafeState.class, "safe state", fallback));
  }

  private static String driverNames() {
    return String.join(", ", DriverRegistry.names());
  }
}
