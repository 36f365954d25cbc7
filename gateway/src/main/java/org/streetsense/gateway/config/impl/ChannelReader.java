package org.streetsense.gateway.config.impl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import org.streetsense.gateway.channel.Calibration;
import org.streetsense.gateway.channel.ValueRange;
import org.streetsense.gateway.config.Aggregate;
import org.streetsense.gateway.config.AggregateFunction;
import org.streetsense.gateway.config.ChannelSpec;
import org.streetsense.gateway.driver.spec.ChannelStyle;
import org.streetsense.gateway.driver.spec.DriverDescriptor;
import org.streetsense.gateway.config.PassersBy;
import org.streetsense.gateway.config.Presence;
import org.streetsense.gateway.config.Smoothing;
import org.streetsense.gateway.config.Touch;

/**
 * Reads a device's {@code channels}, written either as a map keyed by channel name or as a list
 * of entries with {@code name}.
 */
final class ChannelReader {

  private static final String[] KEYS = {"name", "unit", "public", "index", "calibration", "range",
      "deadband", "smoothing", "aggregate", "presence", "touch", "passersBy", "label"};
  private static final String NAME = "[a-z][a-z0-9_]{0,31}";

  private final Problems problems;
  private final DriverDescriptor driver;
  private final java.util.Collection<String> languages;

  ChannelReader(Problems problems, DriverDescriptor driver) {
    this(problems, driver, LocalizedText.builtIn());
  }

  /** @param languages the installation's languages, which labels may name */
  ChannelReader(Problems problems, DriverDescriptor driver, java.util.Collection<String> languages) {
    this.problems = problems;
    this.driver = driver;
    this.languages = languages;
  }

  /**
   * Reads the channels under {@code node} (null when absent) of {@code device}.
   *
   * @param devicePublic the device's {@code public} flag, the default of its channels
   */
  List<ChannelSpec> read(YamlMap device, YamlNode node, boolean devicePublic) {
    ChannelStyle style = driver.channelStyle();
    if (node == null) {
      return defaults(device, style, devicePublic);
    }
    if (style == ChannelStyle.NONE) {
      problems.atKey(device, "channels", driver.configName() + " is an output without channels; "
          + "remove channels");
      return List.of();
    }
    Map<String, YamlNode> byName = new LinkedHashMap<>();
    if (node instanceof YamlMap) {
      ((YamlMap) node).entries().forEach((name, entry) -> byName.put(name, entry.value()));
      for (YamlMap.Entry entry : ((YamlMap) node).entries().values()) {
        checkName(entry.key(), (YamlMap) node, entry);
      }
    } else if (node instanceof YamlList) {
      for (YamlNode item : ((YamlList) node).items()) {
        listEntry(item, byName);
      }
    } else {
      problems.at(node, "expected channels as a map (name: {unit: ...}) or a list of "
          + "{name: ..., unit: ...}, found " + node.kind());
      return List.of();
    }
    if (style == ChannelStyle.SINGLE && byName.size() > 1) {
      problems.at(node, driver.configName() + " has exactly one channel; found " + byName.size());
    }
    List<ChannelSpec> channels = new ArrayList<>();
    Map<Integer, String> indexes = new HashMap<>();
    for (Map.Entry<String, YamlNode> entry : byName.entrySet()) {
      ChannelSpec spec = channel(entry.getKey(), entry.getValue(), devicePublic, indexes);
      if (spec != null) {
        channels.add(spec);
      }
    }
    checkAggregateNames(channels, byName);
    return channels;
  }

  /**
   * An aggregate publishes its readings as channels {@code <channel>_<function>} of the device:
   * such a name must not also be a declared channel, or two unrelated series would share one
   * stream and its sequence numbers.
   */
  private void checkAggregateNames(List<ChannelSpec> channels, Map<String, YamlNode> byName) {
    for (ChannelSpec c : channels) {
      if (c.aggregate().isEmpty()) {
        continue;
      }
      for (AggregateFunction fn : c.aggregate().get().functions()) {
        String out = c.name() + "_" + fn.configName();
        if (byName.containsKey(out)) {
          YamlNode channel = byName.get(c.name());
          YamlNode at = channel instanceof YamlMap m && m.get("aggregate") != null
              ? m.get("aggregate") : channel;
          problems.at(at, "the aggregate's " + fn.configName() + " readings are published as "
              + "channel '" + out + "', which is also a declared channel (line "
              + byName.get(out).line() + "); rename one of them");
        }
      }
    }
  }

  private List<ChannelSpec> defaults(YamlMap device, ChannelStyle style, boolean devicePublic) {
    List<ChannelSpec> channels = new ArrayList<>();
    if (style == ChannelStyle.FIXED) {
      driver.fixedChannels().forEach((name, unit) ->
          channels.add(ChannelSpec.simple(name, unit, devicePublic)));
    } else if (style == ChannelStyle.SINGLE) {
      channels.add(ChannelSpec.simple("value", driver.defaultUnit(), devicePublic));
    } else if (style == ChannelStyle.INDEXED && !driver.isOutput()) {
      problems.missing(device, "channels", "required for " + driver.configName() + "; name the "
          + "inputs you use, e.g. channels: {input_a: {index: 0}}; allowed index 0.."
          + (driver.indexCount() - 1));
    }
    return channels;
  }

  private void checkName(String name, YamlMap parent, YamlMap.Entry entry) {
    if (!name.matches(NAME)) {
      problems.atKey(parent, entry.key(), "'" + name + "' is not a valid channel name; use "
          + "lowercase letters, digits and _, starting with a letter, at most 32 characters");
    } else if (driver.channelStyle() == ChannelStyle.FIXED
        && !driver.fixedChannels().containsKey(name)) {
      problems.atKey(parent, entry.key(), unknownFixed(name));
    }
  }

  private String unknownFixed(String name) {
    String hint = Suggestions.closest(name, driver.fixedChannels().keySet())
        .map(c -> "did you mean '" + c + "'? ").orElse("");
    return "'" + name + "' is not a channel of " + driver.configName() + "; " + hint + "allowed: "
        + String.join(", ", driver.fixedChannels().keySet());
  }

  private void listEntry(YamlNode item, Map<String, YamlNode> byName) {
    if (!(item instanceof YamlMap)) {
      problems.at(item, "expected a channel {name: ..., unit: ...}, found " + item.kind());
      return;
    }
    YamlMap map = (YamlMap) item;
    YamlNode nameNode = map.get("name");
    if (nameNode == null || nameNode instanceof YamlScalar && ((YamlScalar) nameNode).isNull()) {
      problems.missing(map, "name", "required; a channel name like temperature");
      return;
    }
    String name = Values.text(nameNode, problems);
    if (name == null) {
      return;
    }
    if (!name.matches(NAME)) {
      problems.at(nameNode, "'" + name + "' is not a valid channel name; use lowercase letters, "
          + "digits and _, starting with a letter, at most 32 characters");
    } else if (driver.channelStyle() == ChannelStyle.FIXED
        && !driver.fixedChannels().containsKey(name)) {
      problems.at(nameNode, unknownFixed(name));
    } else if (byName.containsKey(name)) {
      YamlNode first = byName.get(name);
      problems.at(nameNode, "duplicate channel name '" + name + "'; already used on line "
          + first.line());
    } else {
      byName.put(name, item);
    }
  }

  private ChannelSpec channel(String name, YamlNode node, boolean devicePublic,
      Map<Integer, String> indexes) {
    int mark = problems.mark();
    if (node instanceof YamlScalar && ((YamlScalar) node).isNull()) {
      node = new YamlMap(node.path(), node.line(), node.column(), Map.of());
    }
    Fields f = Fields.of(node, problems, "channel " + name, KEYS);
    if (f == null) {
      return null;
    }
    if (!(node.path().endsWith("]"))) {
      Checks.forbid(f, "name", "in the map form of channels (the key is the name)");
    }
    String unit = f.text("unit", driver.fixedChannels().getOrDefault(name, driver.defaultUnit()));
    boolean isPublic = Boolean.TRUE.equals(f.bool("public", devicePublic));
    OptionalInt index = index(f, name, indexes);
    Calibration calibration = Calibration.IDENTITY;
    if (f.has("calibration")) {
      calibration = calibration(f.node("calibration"));
    }
    Optional<ValueRange> range = Optional.ofNullable(f.has("range") ? range(f.node("range")) : null);
    OptionalDouble deadband = OptionalDouble.empty();
    Double db = Checks.number(f, "deadband", 0, Double.MAX_VALUE, "a deadband", null);
    if (db != null) {
      deadband = OptionalDouble.of(db);
    }
    ChannelExtras extras = new ChannelExtras(problems, driver);
    Optional<Smoothing> smoothing =
        Optional.ofNullable(f.has("smoothing") ? extras.smoothing(f.node("smoothing")) : null);
    Optional<Aggregate> aggregate =
        Optional.ofNullable(f.has("aggregate") ? aggregate(f.node("aggregate")) : null);
    Optional<Presence> presence =
        Optional.ofNullable(f.has("presence") ? extras.presence(f.node("presence")) : null);
    Optional<Touch> touch =
        Optional.ofNullable(f.has("touch") ? extras.touch(f.node("touch")) : null);
    Optional<PassersBy> passersBy =
        Optional.ofNullable(f.has("passersBy") ? extras.passersBy(f.node("passersBy")) : null);
    Map<String, String> label = LocalizedText.read(f.node("label"), problems,
        languages, "label");
    if (problems.since(mark) || unit == null) {
      return null;
    }
    return new ChannelSpec(name, unit, isPublic, index, calibration, range, deadband, smoothing,
        aggregate, presence, touch, passersBy, label == null ? Map.of() : label);
  }

  private OptionalInt index(Fields f, String name, Map<Integer, String> indexes) {
    if (driver.channelStyle() != ChannelStyle.INDEXED) {
      Checks.forbid(f, "index", "by " + driver.configName() + " (it has no numbered inputs)");
      return OptionalInt.empty();
    }
    YamlNode node = f.required("index", "the " + driver.configName() + " input this channel "
        + "reads, 0.." + (driver.indexCount() - 1));
    if (node == null) {
      return OptionalInt.empty();
    }
    Long index = Values.integer(node, problems, 0, driver.indexCount() - 1,
        "an input of " + driver.configName());
    if (index == null) {
      return OptionalInt.empty();
    }
    String previous = indexes.putIfAbsent(index.intValue(), name);
    if (previous != null) {
      problems.at(node, "index " + index + " is already read by channel '" + previous + "'");
    }
    return OptionalInt.of(index.intValue());
  }

  private Calibration calibration(YamlNode node) {
    Fields f = Fields.of(node, problems, "calibration", "scale", "offset");
    if (f == null) {
      return null;
    }
    Double scale = f.number("scale", 1.0);
    Double offset = f.number("offset", 0.0);
    if (scale != null && scale == 0) {
      problems.at(f.node("scale"), "scale must not be 0; allowed any other finite number");
      return null;
    }
    return scale == null || offset == null ? null : new Calibration(scale, offset);
  }

  private ValueRange range(YamlNode node) {
    Fields f = Fields.of(node, problems, "range", "min", "max");
    if (f == null) {
      return null;
    }
    YamlNode minNode = f.required("min", "the lowest plausible value");
    YamlNode maxNode = f.required("max", "the highest plausible value");
    Double min = minNode == null ? null : Values.number(minNode, problems);
    Double max = maxNode == null ? null : Values.number(maxNode, problems);
    if (min == null || max == null) {
      return null;
    }
    if (!(min < max)) {
      problems.at(node, "min " + Checks.plain(min) + " must be below max " + Checks.plain(max));
      return null;
    }
    return new ValueRange(min, max);
  }

  private Aggregate aggregate(YamlNode node) {
    Fields f = Fields.of(node, problems, "aggregate", "window", "functions");
    if (f == null) {
      return null;
    }
    YamlNode windowNode = f.required("window", "the aggregation window, e.g. 1m");
    Duration window = windowNode == null ? null
        : f.duration("window", null, Duration.ofSeconds(1), Duration.ofDays(1));
    Set<AggregateFunction> functions =
        EnumSet.of(AggregateFunction.MEAN, AggregateFunction.MIN, AggregateFunction.MAX);
    YamlNode functionsNode = f.node("functions");
    if (functionsNode != null) {
      YamlList list = Values.list(functionsNode, problems, "e.g. [mean, max]");
      if (list == null) {
        return null;
      }
      functions = EnumSet.noneOf(AggregateFunction.class);
      for (YamlNode item : list.items()) {
        AggregateFunction function =
            Values.choice(item, problems, AggregateFunction.class, "aggregate function");
        if (function != null) {
          functions.add(function);
        }
      }
      if (list.items().isEmpty()) {
        problems.at(functionsNode, "functions must not be empty; allowed mean, min, max, sum, "
            + "count, last");
        return null;
      }
    }
    return window == null ? null : new Aggregate(window, functions);
  }
}
