package org.streetsense.gateway.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog of device drivers an installation file may name, with what each needs: its
 * connection kind, allowed I2C addresses, sampling modes, channels and default units.
 */
public enum Driver implements ConfigName {
  BUTTON("button", DriverKind.GPIO_INPUT, ChannelStyle.FIXED, Sampling.event(), true, 0, "bool",
      channels("pressed", "bool")),
  PIR("pir", DriverKind.GPIO_INPUT, ChannelStyle.FIXED, Sampling.event(), true, 0, "bool",
      channels("motion", "bool")),
  DIGITAL_IN("digital-in", DriverKind.GPIO_INPUT, ChannelStyle.FIXED, Sampling.event(), true, 0,
      "bool", channels("state", "bool")),
  LED("led", DriverKind.GPIO_OUTPUT, ChannelStyle.NONE, null, false, 0, "", channels()),
  RELAY("relay", DriverKind.GPIO_OUTPUT, ChannelStyle.NONE, null, false, 0, "", channels()),
  BME280("bme280", DriverKind.I2C, ChannelStyle.FIXED, Sampling.every(10_000), false, 0, "",
      channels("temperature", "degC", "humidity", "%RH", "pressure", "hPa"), 0x76, 0x77),
  BH1750("bh1750", DriverKind.I2C, ChannelStyle.FIXED, Sampling.every(1_000), false, 0, "",
      channels("illuminance", "lx"), 0x23, 0x5C),
  MPR121("mpr121", DriverKind.I2C, ChannelStyle.INDEXED, Sampling.event(), true, 12, "bool",
      channels(), 0x5A, 0x5B, 0x5C, 0x5D),
  ADS1115("ads1115", DriverKind.I2C, ChannelStyle.INDEXED, Sampling.every(1_000), false, 4, "V",
      channels(), 0x48, 0x49, 0x4A, 0x4B),
  PCA9685("pca9685", DriverKind.I2C, ChannelStyle.INDEXED, null, false, 16, "%", channels(),
      range(0x40, 0x7F)),
  MCP3008("mcp3008", DriverKind.SPI, ChannelStyle.INDEXED, Sampling.every(1_000), false, 8, "raw",
      channels()),
  BOARD_PIN("board-pin", DriverKind.BOARD, ChannelStyle.SINGLE, Sampling.every(1_000), true, 0,
      "raw", channels()),
  BOARD_DISTANCE("board-distance", DriverKind.BOARD, ChannelStyle.FIXED, Sampling.every(250),
      false, 0, "cm", channels("distance", "cm")),
  /** An on/off output pin of a board (level 0 or 1). */
  BOARD_OUTPUT("board-output", DriverKind.BOARD, ChannelStyle.NONE, null, false, 0, "",
      channels()),
  /** A PWM output pin of a board (level 0..1 as duty 0..255). */
  BOARD_PWM("board-pwm", DriverKind.BOARD, ChannelStyle.NONE, null, false, 0, "", channels()),
  /** A servo on a pin of a StandardFirmata board (level = angle 0..180 degrees). */
  BOARD_SERVO("board-servo", DriverKind.BOARD, ChannelStyle.NONE, null, false, 0, "",
      channels());

  private final String configName;
  private final DriverKind kind;
  private final ChannelStyle channelStyle;
  private final Sampling defaultSampling;
  private final boolean eventCapable;
  private final int indexCount;
  private final String defaultUnit;
  private final Map<String, String> fixedChannels;
  private final List<Integer> addresses;

  Driver(String configName, DriverKind kind, ChannelStyle channelStyle, Sampling defaultSampling,
      boolean eventCapable, int indexCount, String defaultUnit, Map<String, String> fixedChannels,
      int... addresses) {
    this.configName = configName;
    this.kind = kind;
    this.channelStyle = channelStyle;
    this.defaultSampling = defaultSampling;
    this.eventCapable = eventCapable;
    this.indexCount = indexCount;
    this.defaultUnit = defaultUnit;
    this.fixedChannels = fixedChannels;
    List<Integer> list = new ArrayList<>();
    for (int address : addresses) {
      list.add(address);
    }
    this.addresses = List.copyOf(list);
  }

  @Override
  public String configName() {
    return configName;
  }

  public DriverKind kind() {
    return kind;
  }

  public ChannelStyle channelStyle() {
    return channelStyle;
  }

  /** Whether the device drives something (LED, relay, PWM) and so declares a safe state. */
  public boolean isOutput() {
    return kind == DriverKind.GPIO_OUTPUT || this == PCA9685 || isBoardOutput();
  }

  /** Whether the device is an output pin of a board (board-output, board-pwm, board-servo). */
  public boolean isBoardOutput() {
    return this == BOARD_OUTPUT || this == BOARD_PWM || this == BOARD_SERVO;
  }

  /** Sampling used when the file gives neither {@code period} nor {@code mode}; empty for outputs. */
  public Optional<Sampling> defaultSampling() {
    return Optional.ofNullable(defaultSampling);
  }

  /** Whether {@code mode: event} is possible (edges, touch changes, board pin changes). */
  public boolean isEventCapable() {
    return eventCapable;
  }

  /** Number of numbered inputs/outputs for {@link ChannelStyle#INDEXED} drivers, else 0. */
  public int indexCount() {
    return indexCount;
  }

  /** Unit of a channel that declares none (for FIXED drivers see {@link #fixedChannels()}). */
  public String defaultUnit() {
    return defaultUnit;
  }

  /** Channel name to default unit, in the order the driver reports them; empty unless FIXED. */
  public Map<String, String> fixedChannels() {
    return fixedChannels;
  }

  /** Allowed 7-bit I2C addresses; empty for non-I2C drivers. */
  public List<Integer> addresses() {
    return addresses;
  }

  /** Allowed addresses for messages: {@code 0x76, 0x77} or {@code 0x40..0x7F}. */
  public String addressText() {
    if (addresses.size() > 4) {
      return hex(addresses.get(0)) + ".." + hex(addresses.get(addresses.size() - 1));
    }
    List<String> parts = new ArrayList<>();
    for (int address : addresses) {
      parts.add(hex(address));
    }
    return String.join(", ", parts);
  }

  /** {@code 0x76} style, upper-case digits. */
  public static String hex(int address) {
    return String.format("0x%02X", address);
  }

  private static Map<String, String> channels(String... nameUnitPairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < nameUnitPairs.length; i += 2) {
      map.put(nameUnitPairs[i], nameUnitPairs[i + 1]);
    }
    return Collections.unmodifiableMap(map);
  }

  private static int[] range(int first, int last) {
    int[] all = new int[last - first + 1];
    for (int i = 0; i < all.length; i++) {
      all[i] = first + i;
    }
    return all;
  }
}
