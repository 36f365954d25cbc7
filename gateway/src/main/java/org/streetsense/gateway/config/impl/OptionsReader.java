package org.streetsense.gateway.config.impl;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.streetsense.gateway.config.Durations;
import org.streetsense.gateway.driver.spec.DriverDescriptor;
import org.streetsense.gateway.driver.spec.OptionRule;
import org.streetsense.gateway.driver.spec.OptionSpec;
import org.streetsense.gateway.driver.spec.OptionType;

/**
 * Reads a device's {@code options} against its driver's descriptor: unknown keys are reported with
 * the closest known key, each value is read with its type, unit and range, and the rules between
 * options (a hold longer than the debounce) are checked with the defaults filled in. Every problem
 * is reported where it is written.
 */
final class OptionsReader {

  private final Problems problems;
  private final DriverDescriptor driver;

  OptionsReader(Problems problems, DriverDescriptor driver) {
    this.problems = problems;
    this.driver = driver;
  }

  /** The options the file gives, typed by the descriptor (absent keys stay absent). */
  Map<String, Object> read(YamlNode node) {
    Map<String, Object> values = new LinkedHashMap<>();
    if (node == null) {
      return values;
    }
    if (!(node instanceof YamlMap map)) {
      problems.at(node, "expected a map of driver options, found " + node.kind() + "; "
          + allowedText());
      return values;
    }
    List<String> keys = driver.options().stream().map(OptionSpec::key).toList();
    for (YamlMap.Entry e : map.entries().values()) {
      if (!keys.contains(e.key())) {
        String hint = Suggestions.closest(e.key(), keys).map(c -> "did you mean '" + c + "'?")
            .orElse(allowedText());
        problems.atKey(map, e.key(), "unknown option '" + e.key() + "' of " + driver.configName()
            + "; " + hint);
      }
    }
    Map<String, YamlNode> nodes = new LinkedHashMap<>();
    for (OptionSpec option : driver.options()) {
      YamlNode value = map.get(option.key());
      if (value == null || value instanceof YamlScalar s && s.isNull()) {
        continue;
      }
      Object typed = value(option, value);
      if (typed != null) {
        values.put(option.key(), typed);
        nodes.put(option.key(), value);
      }
    }
    for (OptionRule rule : driver.rules()) {
      check(rule, values, nodes, map);
    }
    return values;
  }

  private String allowedText() {
    return driver.options().isEmpty() ? driver.configName() + " takes no options"
        : "options of " + driver.configName() + ": " + String.join(", ",
            driver.options().stream().map(OptionSpec::key).toList());
  }

  private Object value(OptionSpec option, YamlNode node) {
    String what = option.key() + " of " + driver.configName();
    switch (option.type()) {
      case BOOLEAN:
        return Values.bool(node, problems);
      case INTEGER:
      case GPIO_PIN: {
        Long value = Values.parseInteger(node);
        if (value == null || !(node instanceof YamlScalar s)
            || s.type() != YamlScalar.Type.INTEGER && !s.text().strip().startsWith("0x")) {
          problems.at(node, Values.describe(node) + " is not a whole number; " + what
              + " needs " + option.expected());
          return null;
        }
        if (!option.choices().isEmpty() && !option.choices().contains(value.toString())
            || !inRange(option, value)) {
          problems.at(node, value + " is not allowed for " + what + "; it needs "
              + option.expected());
          return null;
        }
        return value;
      }
      case NUMBER: {
        Double value = node instanceof YamlScalar s && (s.type() == YamlScalar.Type.INTEGER
            || s.type() == YamlScalar.Type.FLOAT) ? Values.number(node, problems) : null;
        if (value == null) {
          problems.at(node, Values.describe(node) + " is not a number; " + what + " needs "
              + option.expected());
          return null;
        }
        if (!inRange(option, value) || !option.choices().isEmpty() && option.choices().stream()
            .noneMatch(c -> Double.parseDouble(c) == value)) {
          problems.at(node, plain(value) + " is not allowed for " + what + "; it needs "
              + option.expected());
          return null;
        }
        return value;
      }
      case DURATION:
        return duration(option, node, what);
      case CHOICE: {
        String text = node instanceof YamlScalar s && !s.isNull() ? s.text() : null;
        if (text != null && option.choices().contains(text)) {
          return text;
        }
        String guess = text == null ? "" : Suggestions.closest(text, option.choices())
            .map(c -> "did you mean '" + c + "'? ").orElse("");
        problems.at(node, Values.describe(node) + " is not allowed for " + what + "; " + guess
            + "allowed: " + String.join(", ", option.choices()));
        return null;
      }
      default:
        throw new IllegalStateException("unknown option type " + option.type());
    }
  }

  private Duration duration(OptionSpec option, YamlNode node, String what) {
    if (node instanceof YamlScalar s && (s.type() == YamlScalar.Type.INTEGER
        || s.type() == YamlScalar.Type.FLOAT)) {
      problems.at(node, s.text() + " has no unit; " + what + " needs " + option.expected());
      return null;
    }
    if (!(node instanceof YamlScalar s) || s.type() != YamlScalar.Type.STRING) {
      problems.at(node, Values.describe(node) + " is not a duration; " + what + " needs "
          + option.expected());
      return null;
    }
    Duration d;
    try {
      d = Durations.parse(s.text());
    } catch (IllegalArgumentException e) {
      problems.at(node, "'" + s.text() + "' is not a duration; " + what + " needs "
          + option.expected());
      return null;
    }
    if (!inRange(option, d.toMillis())) {
      problems.at(node, s.text() + " is not allowed for " + what + "; allowed "
          + option.rangeText());
      return null;
    }
    return d;
  }

  private static boolean inRange(OptionSpec option, double value) {
    return (option.min().isEmpty() || value >= option.min().getAsDouble())
        && (option.max().isEmpty() || value <= option.max().getAsDouble());
  }

  private void check(OptionRule rule, Map<String, Object> values, Map<String, YamlNode> nodes,
      YamlMap map) {
    OptionSpec larger = driver.option(rule.larger()).orElseThrow();
    OptionSpec smaller = driver.option(rule.smaller()).orElseThrow();
    if (!nodes.containsKey(rule.larger()) && !nodes.containsKey(rule.smaller())) {
      return;
    }
    Object big = values.getOrDefault(rule.larger(), larger.defaultValue().orElse(null));
    Object small = values.getOrDefault(rule.smaller(), smaller.defaultValue().orElse(null));
    if (big == null || small == null || magnitude(big) > magnitude(small)) {
      return;
    }
    YamlNode at = nodes.getOrDefault(rule.larger(), nodes.get(rule.smaller()));
    boolean durations = big instanceof Duration;
    problems.at(at, rule.larger() + " (" + text(big, nodes.get(rule.larger())) + ") must be "
        + (durations ? "longer" : "greater") + " than " + rule.smaller() + " ("
        + text(small, nodes.get(rule.smaller())) + ")");
  }

  private static double magnitude(Object value) {
    return value instanceof Duration d ? d.toNanos() : ((Number) value).doubleValue();
  }

  private static String text(Object value, YamlNode node) {
    if (node instanceof YamlScalar s) {
      return s.text();
    }
    return (value instanceof Duration d ? Durations.format(d)
        : value instanceof Double n ? plain(n) : String.valueOf(value)) + ", the default";
  }

  private static String plain(double value) {
    return Checks.plain(value);
  }

  /** Whether {@code type} names an extra GPIO pin the device claims. */
  static boolean claimsPin(OptionType type) {
    return type == OptionType.GPIO_PIN;
  }
}
