package org.streetsense.gateway.driver.spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.streetsense.gateway.status.SensingKind;

/**
 * Everything the gateway knows about one driver, declared once next to its code: the name the
 * installation file uses, how the device is connected, its options, its channels and units, what
 * it drives and how it is wired, how it is created, simulated and recognised by {@code probe}.
 * The validator, the runtime assembly, the simulated installation, {@code probe}, the JSON Schema
 * and the driver tables of docs/drivers.md all read it from
 * {@link org.streetsense.gateway.driver.DriverRegistry}.
 *
 * <p>Immutable and thread-safe. Built with {@link #builder(String, ConnectionKind)}, whose
 * {@code build()} refuses a declaration that cannot work (an I2C chip without addresses, an input
 * without sampling, an output that samples, two options with one key).
 */
public final class DriverDescriptor {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

  private final String configName;
  private final String summary;
  private final ConnectionKind kind;
  private final List<Integer> addresses;
  private final ChannelStyle channelStyle;
  private final Map<String, String> fixedChannels;
  private final int indexCount;
  private final String defaultUnit;
  private final Optional<Duration> defaultPeriod;
  private final boolean eventByDefault;
  private final boolean eventCapable;
  private final Optional<SensingKind> sensing;
  private final List<OptionSpec> options;
  private final List<OptionRule> rules;
  private final Optional<OutputSpec> output;
  private final Optional<DriverFactory> factory;
  private final ChannelLayout channelLayout;
  private final Function<DeclaredChannel, String> driverChannel;
  private final SimulatedPart simulated;
  private final Optional<ChipSignature> signature;
  private final boolean reportsPresence;
  private final boolean touchElectrodes;

  private DriverDescriptor(Builder b) {
    this.configName = b.configName;
    this.summary = b.summary;
    this.kind = b.kind;
    this.addresses = List.copyOf(b.addresses);
    this.channelStyle = b.channelStyle;
    this.fixedChannels = Collections.unmodifiableMap(new LinkedHashMap<>(b.fixedChannels));
    this.indexCount = b.indexCount;
    this.defaultUnit = b.defaultUnit;
    this.defaultPeriod = Optional.ofNullable(b.defaultPeriod);
    this.eventByDefault = b.eventByDefault;
    this.eventCapable = b.eventCapable;
    this.sensing = Optional.ofNullable(b.sensing);
    this.options = List.copyOf(b.options);
    this.rules = List.copyOf(b.rules);
    this.output = Optional.ofNullable(b.output);
    this.factory = Optional.ofNullable(b.factory);
    this.channelLayout = b.channelLayout;
    this.driverChannel = b.driverChannel;
    this.simulated = b.simulated;
    this.signature = Optional.ofNullable(b.signature);
    this.reportsPresence = b.reportsPresence;
    this.touchElectrodes = b.touchElectrodes;
  }

  /** Starts the descriptor of driver {@code configName} ({@code bme280}, {@code digital-in}). */
  public static Builder builder(String configName, ConnectionKind kind) {
    return new Builder(configName, kind);
  }

  /** The name the installation file uses: {@code driver: bme280}. */
  public String configName() {
    return configName;
  }

  /** One line saying what the device is: "temperature, humidity, pressure". */
  public String summary() {
    return summary;
  }

  public ConnectionKind kind() {
    return kind;
  }

  /** Allowed 7-bit I2C addresses; empty for non-I2C drivers. */
  public List<Integer> addresses() {
    return addresses;
  }

  public ChannelStyle channelStyle() {
    return channelStyle;
  }

  /** Channel name to default unit, in the order the driver reports them; empty unless FIXED. */
  public Map<String, String> fixedChannels() {
    return fixedChannels;
  }

  /** Number of numbered inputs/outputs for {@link ChannelStyle#INDEXED} drivers, else 0. */
  public int indexCount() {
    return indexCount;
  }

  /** Unit of a channel that declares none (for FIXED drivers see {@link #fixedChannels()}). */
  public String defaultUnit() {
    return defaultUnit;
  }

  /** The period used when the file gives neither period nor mode; empty for event devices and outputs. */
  public Optional<Duration> defaultPeriod() {
    return defaultPeriod;
  }

  /** Whether the device reports events unless the file asks for periodic readings. */
  public boolean eventByDefault() {
    return eventByDefault;
  }

  /** Whether {@code mode: event} is possible (edges, touch changes, board pin changes). */
  public boolean isEventCapable() {
    return eventCapable;
  }

  /** What the channels sense, for the public page; empty when it follows from each channel's unit. */
  public Optional<SensingKind> sensing() {
    return sensing;
  }

  /** The keys its {@code options} may hold, in documentation order. */
  public List<OptionSpec> options() {
    return options;
  }

  /** The option written as {@code key} in the file. */
  public Optional<OptionSpec> option(String key) {
    return options.stream().filter(o -> o.key().equals(key)).findFirst();
  }

  /** Rules between its options. */
  public List<OptionRule> rules() {
    return rules;
  }

  /** What it drives and how it is wired; empty for inputs. */
  public Optional<OutputSpec> output() {
    return output;
  }

  /** Whether the device drives something and so declares a safe state. */
  public boolean isOutput() {
    return output.isPresent();
  }

  /** Creates its driver; empty for devices that are not run by a driver object (GPIO outputs, board pins). */
  public Optional<DriverFactory> factory() {
    return factory;
  }

  /** The driver options that follow from the declared channels. */
  public ChannelLayout channelLayout() {
    return channelLayout;
  }

  /** The driver's name for a declared channel ({@code electrode3} for a touch electrode). */
  public String driverChannel(DeclaredChannel channel) {
    return driverChannel.apply(channel);
  }

  /** Its part of the simulated installation. */
  public SimulatedPart simulated() {
    return simulated;
  }

  /** How {@code probe} recognises the chip; empty for non-I2C drivers. */
  public Optional<ChipSignature> signature() {
    return signature;
  }

  /** Whether the driver itself reports presence enter/leave (so the channel option is refused). */
  public boolean reportsPresence() {
    return reportsPresence;
  }

  /** Whether its channels are touch electrodes (per-channel thresholds, touch start/end events). */
  public boolean touchElectrodes() {
    return touchElectrodes;
  }

  /** Allowed addresses for messages: {@code 0x76, 0x77} or {@code 0x40..0x7F}. */
  public String addressText() {
    if (addresses.size() > 4) {
      return hex(addresses.get(0)) + ".." + hex(addresses.get(addresses.size() - 1))
          + (addresses.size() < addresses.get(addresses.size() - 1) - addresses.get(0) + 1
              ? " except " + missing() : "");
    }
    List<String> parts = new ArrayList<>();
    for (int address : addresses) {
      parts.add(hex(address));
    }
    return String.join(", ", parts);
  }

  private String missing() {
    List<String> out = new ArrayList<>();
    for (int a = addresses.get(0); a <= addresses.get(addresses.size() - 1); a++) {
      if (!addresses.contains(a)) {
        out.add(hex(a));
      }
    }
    return String.join(", ", out);
  }

  /** {@code 0x76} style, upper-case digits. */
  public static String hex(int address) {
    return String.format("0x%02X", address);
  }

  @Override
  public String toString() {
    return "driver " + configName;
  }

  /** Builds a {@link DriverDescriptor}; {@link #build()} checks that it can work. */
  public static final class Builder {
    private final String configName;
    private final ConnectionKind kind;
    private String summary;
    private final List<Integer> addresses = new ArrayList<>();
    private ChannelStyle channelStyle = ChannelStyle.NONE;
    private final Map<String, String> fixedChannels = new LinkedHashMap<>();
    private int indexCount;
    private String defaultUnit = "";
    private Duration defaultPeriod;
    private boolean eventByDefault;
    private boolean eventCapable;
    private SensingKind sensing;
    private final List<OptionSpec> options = new ArrayList<>();
    private final List<OptionRule> rules = new ArrayList<>();
    private OutputSpec output;
    private DriverFactory factory;
    private ChannelLayout channelLayout = ChannelLayout.NONE;
    private Function<DeclaredChannel, String> driverChannel = DeclaredChannel::name;
    private SimulatedPart simulated = SimulatedPart.NONE;
    private ChipSignature signature;
    private boolean reportsPresence;
    private boolean touchElectrodes;

    private Builder(String configName, ConnectionKind kind) {
      this.configName = Objects.requireNonNull(configName, "configName");
      this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** One line saying what the device is. */
    public Builder summary(String summary) {
      this.summary = Objects.requireNonNull(summary, "summary");
      return this;
    }

    /** The 7-bit I2C addresses the chip can be strapped to. */
    public Builder addresses(int... addresses) {
      for (int a : addresses) {
        this.addresses.add(a);
      }
      return this;
    }

    /** Addresses {@code first..last}, except {@code excluded}. */
    public Builder addressRange(int first, int last, int... excluded) {
      for (int a = first; a <= last; a++) {
        boolean skip = false;
        for (int e : excluded) {
          skip |= e == a;
        }
        if (!skip) {
          addresses.add(a);
        }
      }
      return this;
    }

    /** Fixed channels, name then unit: {@code channel("temperature", "degC")}. */
    public Builder channel(String name, String unit) {
      this.channelStyle = ChannelStyle.FIXED;
      fixedChannels.put(name, unit);
      return this;
    }

    /** Numbered inputs or outputs {@code 0..count-1}, each in {@code unit} unless the file says. */
    public Builder indexed(int count, String unit) {
      this.channelStyle = ChannelStyle.INDEXED;
      this.indexCount = count;
      this.defaultUnit = unit;
      return this;
    }

    /** Exactly one channel, named freely, in {@code unit} unless the file says. */
    public Builder singleChannel(String unit) {
      this.channelStyle = ChannelStyle.SINGLE;
      this.defaultUnit = unit;
      return this;
    }

    /** The unit of a channel that declares none. */
    public Builder defaultUnit(String unit) {
      this.defaultUnit = Objects.requireNonNull(unit, "unit");
      return this;
    }

    /** Periodic readings every {@code period} unless the file says otherwise. */
    public Builder samplesEvery(Duration period) {
      this.defaultPeriod = Objects.requireNonNull(period, "period");
      return this;
    }

    /** Reports events unless the file asks for periodic readings. */
    public Builder eventsByDefault() {
      this.eventByDefault = true;
      this.eventCapable = true;
      return this;
    }

    /** {@code mode: event} is possible. */
    public Builder eventCapable() {
      this.eventCapable = true;
      return this;
    }

    /** What every channel senses; without it the kind follows from each channel's unit. */
    public Builder sensing(SensingKind sensing) {
      this.sensing = Objects.requireNonNull(sensing, "sensing");
      return this;
    }

    public Builder option(OptionSpec option) {
      options.add(Objects.requireNonNull(option, "option"));
      return this;
    }

    public Builder rule(OptionRule rule) {
      rules.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    public Builder output(OutputSpec output) {
      this.output = Objects.requireNonNull(output, "output");
      return this;
    }

    public Builder factory(DriverFactory factory) {
      this.factory = Objects.requireNonNull(factory, "factory");
      return this;
    }

    public Builder channelLayout(ChannelLayout layout) {
      this.channelLayout = Objects.requireNonNull(layout, "layout");
      return this;
    }

    /** How the driver names a declared channel, when not by its name. */
    public Builder driverChannel(Function<DeclaredChannel, String> naming) {
      this.driverChannel = Objects.requireNonNull(naming, "naming");
      return this;
    }

    public Builder simulated(SimulatedPart part) {
      this.simulated = Objects.requireNonNull(part, "part");
      return this;
    }

    public Builder signature(ChipSignature signature) {
      this.signature = Objects.requireNonNull(signature, "signature");
      return this;
    }

    /** The driver reports presence enter/leave itself. */
    public Builder reportsPresence() {
      this.reportsPresence = true;
      return this;
    }

    /** Its channels are touch electrodes. */
    public Builder touchElectrodes() {
      this.touchElectrodes = true;
      return this;
    }

    /**
     * @throws IllegalArgumentException when the declaration cannot work; the message names the
     *     driver and what is wrong
     */
    public DriverDescriptor build() {
      require(NAME.matcher(configName).matches(), "name must be lower-case like bme280");
      require(summary != null && !summary.isBlank(), "needs a one-line summary");
      require(kind == ConnectionKind.I2C ? !addresses.isEmpty() : addresses.isEmpty(),
          "I2C chips and only they list their addresses");
      require(addresses.stream().allMatch(a -> a >= 0x03 && a <= 0x7F),
          "addresses must be 7-bit");
      require(signature == null || kind == ConnectionKind.I2C,
          "only I2C chips have a probe signature");
      require(kind != ConnectionKind.GPIO_OUTPUT || output != null,
          "a GPIO output declares its output");
      require(channelStyle != ChannelStyle.INDEXED || indexCount > 0,
          "indexed channels need a count");
      if (output == null) {
        require(defaultPeriod != null || eventByDefault,
            "an input needs a default period or events by default");
      } else {
        require(defaultPeriod == null && !eventByDefault, "an output has no sampling");
      }
      require(!eventByDefault || defaultPeriod == null, "event or periodic by default, not both");
      Set<String> keys = new HashSet<>();
      for (OptionSpec o : options) {
        require(keys.add(o.key()), "option '" + o.key() + "' is declared twice");
      }
      for (OptionRule r : rules) {
        require(keys.contains(r.larger()) && keys.contains(r.smaller()),
            "rule " + r + " names an option it does not declare");
      }
      return new DriverDescriptor(this);
    }

    private void require(boolean ok, String problem) {
      if (!ok) {
        throw new IllegalArgumentException("driver '" + configName + "': " + problem);
      }
    }
  }
}
