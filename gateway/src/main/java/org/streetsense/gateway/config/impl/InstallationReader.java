package org.streetsense.gateway.config.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.streetsense.gateway.board.BoardModel;
import org.streetsense.gateway.board.BoardProtocol;
import org.streetsense.gateway.board.BoardSpec;
import org.streetsense.gateway.config.ClockSettings;
import org.streetsense.gateway.config.Connection;
import org.streetsense.gateway.config.DeviceSpec;
import org.streetsense.gateway.config.DmxSettings;
import org.streetsense.gateway.driver.boarddistance.BoardDistanceDescriptor;
import org.streetsense.gateway.driver.boardpwm.BoardPwmDescriptor;
import org.streetsense.gateway.driver.spec.DriverDescriptor;
import org.streetsense.gateway.driver.spec.OptionSpec;
import org.streetsense.gateway.driver.spec.OptionType;
import org.streetsense.gateway.config.HardwareSettings;
import org.streetsense.gateway.config.HttpSettings;
import org.streetsense.gateway.config.Identity;
import org.streetsense.gateway.config.Installation;
import org.streetsense.gateway.config.InteractionSettings;
import org.streetsense.gateway.config.OscSettings;
import org.streetsense.gateway.config.ReflexSpec;
import org.streetsense.gateway.config.SafetySettings;
import org.streetsense.gateway.config.SinkSettings;
import org.streetsense.gateway.config.SpoolSettings;
import org.streetsense.gateway.config.UplinkSettings;

/**
 * Reads a whole installation from its {@link YamlNode} tree: every section, then the checks that
 * span devices (unique ids, shared pins and addresses) and the interaction sections (actuators
 * and reflexes that refer to devices).
 */
public final class InstallationReader {

  private static final String[] KEYS = {"installation", "site", "location", "description",
      "operator", "languages", "license", "attribution", "retention", "publicUrl", "pageTexts", "hardware", "boards",
      "devices", "uplink", "sinks", "spool", "http", "clock", "safety", "reflexes", "osc", "dmx"};

  private final Problems problems;

  public InstallationReader(Problems problems) {
    this.problems = problems;
  }

  /** The installation, or null when anything was reported. */
  public Installation read(YamlNode root) {
    Fields f = Fields.of(root, problems, "the installation", KEYS);
    if (f == null) {
      return null;
    }
    Identity identity = new IdentityReader(problems).read(f);
    HardwareReader hardwareReader = new HardwareReader(problems);
    YamlNode hardwareNode = f.required("hardware", "e.g. hardware: {backend: simulated}");
    HardwareSettings hardware = hardwareNode == null ? null : hardwareReader.hardware(hardwareNode);
    Map<String, BoardSpec> boards = hardwareReader.boards(f.node("boards"));
    Set<String> unreadable = new HashSet<>();
    List<DeviceSpec> devices = devices(f, HardwareReader.declaredIds(f.node("boards")), boards,
        unreadable,
        identity == null || identity.languages().isEmpty() ? Identity.BUILT_IN_LANGUAGES
            : identity.languages());
    YamlNode uplinkNode = f.required("uplink", "e.g. uplink: {mqtt: {url: tcp://localhost:1883}}");
    UplinkSettings uplink = uplinkNode == null ? null
        : new UplinkReader(problems).read(uplinkNode, identity == null ? null
            : identity.installation());
    SinkSettings sinks = new SinksReader(problems).read(f.node("sinks"));
    ServiceReader services = new ServiceReader(problems);
    SpoolSettings spool = services.spool(f.node("spool"));
    HttpSettings http = services.http(f.node("http"));
    ClockSettings clock = services.clock(f.node("clock"));
    Set<String> deviceIds = new HashSet<>(unreadable);
    devices.forEach(d -> deviceIds.add(d.id()));
    DmxSettings dmx = new DmxReader(problems, deviceIds).read(f.node("dmx"));
    InteractionSettings interaction = interaction(f, devices, unreadable,
        dmx == null ? List.of() : dmx.actuatorIds(), dmx == null ? Map.of() : dmx.colourChannels(),
        dmx == null ? Map.of() : dmx.homes(), dmx == null);
    if (!problems.isEmpty()) {
      return null;
    }
    return new Installation(problems.file(), identity, hardware, new ArrayList<>(boards.values()),
        devices, uplink, sinks, spool, http, clock, interaction, dmx);
  }

  /**
   * {@code safety}, {@code reflexes} and {@code osc}, checked against the devices that could be
   * read; references to a device in {@code unreadable} (declared, but with errors of its own) are
   * not reported again. So one pass reports every problem of the file.
   */
  private InteractionSettings interaction(Fields f, List<DeviceSpec> devices,
      Set<String> unreadable, List<String> fixtureActuators, Map<String, Integer> colourChannels,
      Map<String, Double> homes, boolean dmxUnreadable) {
    int mark = problems.mark();
    SafetyReader safetyReader = new SafetyReader(problems, devices, unreadable, fixtureActuators,
        homes, dmxUnreadable);
    SafetySettings safety = safetyReader.read(f.node("safety"));
    List<ReflexSpec> reflexes = new ReflexReader(problems, devices, safety, unreadable,
        safetyReader.uncheckedActuators(), colourChannels, dmxUnreadable)
        .read(f.node("reflexes"));
    OscSettings osc = new OscReader(problems).read(f.node("osc"));
    if (problems.since(mark) || safety == null || osc == null) {
      return null;
    }
    return new InteractionSettings(safety, reflexes, osc);
  }

  /** The devices that could be read; the ids of those that could not go to {@code unreadable}. */
  private List<DeviceSpec> devices(Fields f, List<String> boardIds, Map<String, BoardSpec> boards,
      Set<String> unreadable, List<String> languages) {
    List<DeviceSpec> devices = new ArrayList<>();
    YamlNode node = f.required("devices", "a list of devices, e.g. - {id: button-1, driver: "
        + "button, pin: 17}");
    if (node == null) {
      return devices;
    }
    YamlList list = Values.list(node, problems, "each device is an item starting with '- '");
    if (list == null) {
      return devices;
    }
    if (list.items().isEmpty()) {
      problems.at(node, "an installation needs at least one device");
    }
    DeviceReader reader = new DeviceReader(problems, boardIds, languages);
    CrossChecks cross = new CrossChecks(problems);
    cross.boardPorts(f.node("boards"), boards);
    for (YamlNode item : list.items()) {
      String id = cross.idOf(item);
      DeviceSpec device = reader.read(item);
      if (device != null) {
        cross.resources(item, device);
        cross.servoProtocol(item, device, boards);
        cross.boardPin(item, device, boards);
        devices.add(device);
      } else if (id != null) {
        unreadable.add(id);
      }
    }
    return devices;
  }

  /** Checks across devices: ids and hardware resources used twice. */
  private static final class CrossChecks {

    /** The Raspberry Pi header pins of I2C buses 0 and 1 (BCM number to role). */
    private static final Map<Integer, Map<Integer, String>> I2C_PINS = Map.of(
        0, new java.util.TreeMap<>(Map.of(0, "SDA", 1, "SCL")),
        1, new java.util.TreeMap<>(Map.of(2, "SDA", 3, "SCL")));
    /** The header pins of SPI bus 0: MISO, MOSI, SCLK and its chip-select lines. */
    private static final Map<Integer, String> SPI0_PINS =
        new java.util.TreeMap<>(Map.of(9, "MISO", 10, "MOSI", 11, "SCLK"));
    private static final Map<Integer, Integer> SPI0_CS = Map.of(0, 8, 1, 7);
    /** The header pins of the Pi's UART. */
    private static final Map<Integer, String> UART_PINS =
        new java.util.TreeMap<>(Map.of(14, "TXD", 15, "RXD"));
    /**
     * The names of the UART on the header: {@code /dev/serial0} is the alias of whichever of the
     * PL011 ({@code ttyAMA0}) or the mini UART ({@code ttyS0}) drives GPIO 14/15. A USB adapter
     * ({@code /dev/ttyUSB0}, {@code /dev/ttyACM0}, {@code /dev/serial/by-id/...}) takes no pin.
     */
    private static final Set<String> HEADER_UART =
        Set.of("/dev/serial0", "/dev/ttyAMA0", "/dev/ttyS0");

    private final Problems problems;
    private final Map<String, YamlNode> ids = new HashMap<>();
    private final Map<String, String> resources = new HashMap<>();

    CrossChecks(Problems problems) {
      this.problems = problems;
    }

    /** Records the item's id and reports a duplicate; returns the id, or null if it has none. */
    String idOf(YamlNode device) {
      if (!(device instanceof YamlMap) || !(((YamlMap) device).get("id") instanceof YamlScalar)) {
        return null;
      }
      YamlScalar id = (YamlScalar) ((YamlMap) device).get("id");
      YamlNode first = ids.putIfAbsent(id.text(), device);
      if (first != null && !id.isNull()) {
        problems.at(id, "duplicate device id '" + id.text() + "'; already used by "
            + first.path() + " on line " + first.line());
      }
      return id.isNull() ? null : id.text();
    }

    void resources(YamlNode node, DeviceSpec device) {
      String who = node.path() + " (" + device.id() + ")";
      YamlMap map = (YamlMap) node;
      var connection = device.connection();
      if (connection instanceof Connection.Gpio) {
        int pin = ((Connection.Gpio) connection).pin();
        claim("gpio:" + pin, map.get("pin"), "BCM pin " + pin, who);
        DimmableCheck.check(problems, map, device).ifPresent(channel ->
            claim("pwm:" + channel, map.get("pin"), "hardware PWM channel " + channel, who));
      } else if (connection instanceof Connection.I2c) {
        var i2c = (Connection.I2c) connection;
        claim("i2c:" + i2c.bus() + ":" + i2c.address(), map.get("address"),
            "I2C address " + DriverDescriptor.hex(i2c.address()) + " on bus "
                + i2c.bus(), who);
        busPins("I2C bus " + i2c.bus(), I2C_PINS.get(i2c.bus()), map.get("address"), who);
      } else if (connection instanceof Connection.Spi) {
        var spi = (Connection.Spi) connection;
        claim("spi:" + spi.bus() + ":" + spi.chipSelect(), map.get("spi"),
            "SPI bus " + spi.bus() + " cs " + spi.chipSelect(), who);
        if (spi.bus() == 0) {
          Map<Integer, String> pins = new java.util.TreeMap<>(SPI0_PINS);
          if (SPI0_CS.containsKey(spi.chipSelect())) {
            pins.put(SPI0_CS.get(spi.chipSelect()), "CE" + spi.chipSelect());
          }
          busPins("SPI bus 0", pins, map.get("spi"), who);
        }
      } else if (connection instanceof Connection.Serial serial) {
        claim("serial:" + serial.port(), map.get("port"), "serial port " + serial.port(), who);
        uartPins(serial.port(), map.get("port"), who);
      } else {
        var board = (Connection.Board) connection;
        claim("board:" + board.board() + ":" + board.pin(), map.get("pin"),
            "pin " + board.pin() + " of board " + board.board(), who);
      }
      for (OptionSpec option : device.driver().options()) {
        Object pin = device.options().get(option.key());
        if (option.type() == OptionType.GPIO_PIN && pin instanceof Long p
            && map.get("options") instanceof YamlMap options) {
          claim("gpio:" + p, options.get(option.key()), "BCM pin " + p, who + " " + option.key());
        }
      }
    }

    /**
     * A board takes its serial port, as a serial device does (one link per port), and a board
     * on the header UART takes the UART's pins.
     */
    void boardPorts(YamlNode node, Map<String, BoardSpec> boards) {
      if (!(node instanceof YamlList list)) {
        return;
      }
      Set<String> seen = new HashSet<>();
      for (YamlNode item : list.items()) {
        if (item instanceof YamlMap map && map.get("id") instanceof YamlScalar id
            && boards.containsKey(id.text()) && seen.add(id.text())) {
          String port = boards.get(id.text()).port();
          String who = item.path() + " (" + id.text() + ")";
          claim("serial:" + port, map.get("port"), "serial port " + port, who);
          uartPins(port, map.get("port"), who);
        }
      }
    }

    /**
     * Claims GPIO 14 (TXD) and 15 (RXD) for a device or board on the header UART, so that a GPIO
     * device there is refused naming the port.
     */
    private void uartPins(String port, YamlNode at, String who) {
      if (HEADER_UART.contains(port)) {
        busPins("the Pi's UART " + port, "the Pi's UART " + port + " of " + who, UART_PINS, at,
            who);
      }
    }

    private void busPins(String bus, Map<Integer, String> pins, YamlNode at, String who) {
      busPins(bus, bus, pins, at, who);
    }

    /**
     * Claims the header pins a bus takes from GPIO (once per bus, shared by its devices): a GPIO
     * device on one of them is refused, naming the bus; {@code needer} is what the message says
     * needs the pin when the bus comes second.
     */
    private void busPins(String bus, String needer, Map<Integer, String> pins, YamlNode at,
        String who) {
      if (pins == null) {
        return;
      }
      for (Map.Entry<Integer, String> pin : pins.entrySet()) {
        String key = "gpio:" + pin.getKey();
        String owner = bus + " (" + pin.getValue() + ")";
        String first = resources.putIfAbsent(key, owner + " of " + who);
        if (first != null && !first.startsWith(owner)) {
          problems.at(at, needer + " needs BCM pin " + pin.getKey() + " (" + pin.getValue()
              + "), which is already used by " + first + "; move that device to another pin");
        }
      }
    }

    /**
     * A board-servo needs StandardFirmata: the Streetsense board protocol has no servo mode (its
     * output modes are digital output and PWM, and a servo needs 50 Hz pulses of 1..2 ms, which
     * the Uno's PWM does not make).
     */
    void servoProtocol(YamlNode node, DeviceSpec device, Map<String, BoardSpec> boards) {
      boolean servo = device.driver().output().map(o -> o.capabilities()
          .contains(org.streetsense.gateway.driver.spec.OutputCapability.ANGLE)).orElse(false);
      if (!servo || !(device.connection() instanceof Connection.Board conn)) {
        return;
      }
      BoardSpec board = boards.get(conn.board());
      if (board != null && board.protocol() == BoardProtocol.STREETSENSE) {
        problems.at(((YamlMap) node).get("driver"), "board-servo needs a board running "
            + "StandardFirmata, but board " + board.id() + " speaks the Streetsense protocol, "
            + "which has no servo mode (only digital output and PWM); flash StandardFirmata and "
            + "declare protocol: firmata, or drive the servo from a pca9685");
      }
    }

    /**
     * What the file alone says about a board pin: D0/D1 carry the serial link to the gateway; the
     * pin must exist on the board's model, a PWM output needs a PWM pin, an output cannot be an
     * analog-input-only pin; and with the Streetsense firmware a ranger takes D7 (trigger) and D8
     * (echo), both of which no other device may use.
     */
    void boardPin(YamlNode node, DeviceSpec device, Map<String, BoardSpec> boards) {
      if (!(device.connection() instanceof Connection.Board conn)) {
        return;
      }
      YamlNode at = ((YamlMap) node).get("pin");
      String pin = conn.pin();
      BoardSpec board = boards.get(conn.board());
      if (BoardModel.serialPin(pin)) {
        problems.at(at, pin + " of board " + conn.board() + " is a pin of the serial link to the "
            + "gateway (D0 receives, D1 sends over USB); a device there breaks the link, use "
            + "D2 or above");
        return;
      }
      if (board == null) {
        return;
      }
      BoardModel model = board.model();
      if (!model.has(pin)) {
        problems.at(at, "board " + board.id() + " is an Arduino " + model.configName()
            + " (model: " + model.configName() + "), which has no " + pin + "; its pins are "
            + model.pins() + (model == BoardModel.MEGA ? "" : "; declare the board's model, e.g. "
            + "model: mega, if it is another board"));
        return;
      }
      if (device.driver().isOutput() && !model.canOutput(pin)) {
        problems.at(at, pin + " of an Arduino " + model.configName() + " is an analog input only;"
            + " it cannot drive an output");
      }
      if (device.driver() == BoardPwmDescriptor.DESCRIPTOR && !model.pwm(pin)) {
        problems.at(at, pin + " of board " + board.id() + " (an Arduino " + model.configName()
            + ") has no PWM; its PWM pins are " + model.pwmPins());
      }
      if (device.driver() == BoardDistanceDescriptor.DESCRIPTOR
          && board.protocol() == BoardProtocol.STREETSENSE) {
        String who = node.path() + " (" + device.id() + ", the HC-SR04 ranger's "
            + (pin.equals("D7") ? "trigger; its echo is D8" : "trigger and echo, D7 and D8") + ")";
        for (String ranger : List.of("D7", "D8")) {
          if (!ranger.equals(pin)) {
            claim("board:" + board.id() + ":" + ranger, at, "pin " + ranger + " of board "
                + board.id(), who);
          }
        }
      }
    }

    private void claim(String key, YamlNode at, String what, String who) {
      String first = resources.putIfAbsent(key, who);
      if (first != null) {
        problems.at(at, what + " is already used by " + first + "; each pin, address or "
            + "chip-select belongs to one device");
      }
    }
  }
}
