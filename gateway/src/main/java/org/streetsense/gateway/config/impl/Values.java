package org.streetsense.gateway.config.impl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.streetsense.gateway.config.ByteSizes;
import org.streetsense.gateway.config.ConfigName;
import org.streetsense.gateway.config.Durations;

/**
 * Reads typed values from single nodes. Each method reports a problem at the node and returns
 * null when the node does not hold a value of the wanted type.
 */
public final class Values {

  private Values() {}

  /** Text of a scalar; numbers and booleans are taken as written ({@code no} stays "no"). */
  public static String text(YamlNode node, Problems problems) {
    if (node instanceof YamlScalar && !((YamlScalar) node).isNull()) {
      return ((YamlScalar) node).text();
    }
    problems.at(node, "expected a text value, found " + node.kind());
    return null;
  }

  /** A whole number in {@code min..max}; {@code what} names it in messages ("a BCM GPIO pin"). */
  public static Long integer(YamlNode node, Problems problems, long min, long max, String what) {
    Long value = parseInteger(node);
    if (value == null && beyondLong(node)) {
      problems.at(node, ((YamlScalar) node).text().strip() + " is not " + what + "; allowed "
          + min + ".." + max);
      return null;
    }
    if (value == null) {
      boolean unbounded = min == Long.MIN_VALUE && max == Long.MAX_VALUE;
      problems.at(node, describe(node) + " is not a whole number; expected " + what
          + (unbounded ? "" : " " + min + ".." + max));
      return null;
    }
    if (value < min || value > max) {
      problems.at(node, value + " is not " + what + "; allowed " + min + ".." + max);
      return null;
    }
    return value;
  }

  /** A whole number in decimal digits too large for any range (beyond 64 bits). */
  private static boolean beyondLong(YamlNode node) {
    return node instanceof YamlScalar scalar && scalar.type() == YamlScalar.Type.INTEGER
        && scalar.text().strip().replace("_", "").matches("[+-]?[0-9]{19,}");
  }

  /** A whole number written in decimal or hex ({@code 0x76}, quoted or not), or null. */
  public static Long parseInteger(YamlNode node) {
    if (!(node instanceof YamlScalar)) {
      return null;
    }
    YamlScalar scalar = (YamlScalar) node;
    if (scalar.type() != YamlScalar.Type.INTEGER && scalar.type() != YamlScalar.Type.STRING) {
      return null;
    }
    String text = scalar.text().strip().replace("_", "").toLowerCase(Locale.ROOT);
    try {
      if (text.startsWith("0x")) {
        return Long.parseLong(text.substring(2), 16);
      }
      if (scalar.type() == YamlScalar.Type.STRING) {
        return null;
      }
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A finite number. */
  public static Double number(YamlNode node, Problems problems) {
    if (node instanceof YamlScalar) {
      YamlScalar scalar = (YamlScalar) node;
      if (scalar.type() == YamlScalar.Type.INTEGER) {
        Long whole = parseInteger(node);
        if (whole != null) {
          return whole.doubleValue();
        }
      }
      if (scalar.type() == YamlScalar.Type.FLOAT) {
        try {
          double value = Double.parseDouble(scalar.text());
          if (Double.isFinite(value)) {
            return value;
          }
        } catch (NumberFormatException e) {
          // reported below
        }
      }
    }
    problems.at(node, describe(node) + " is not a number; expected a finite number like 1.5");
    return null;
  }

  /** A boolean (YAML also reads yes/no and on/off as booleans). */
  public static Boolean bool(YamlNode node, Problems problems) {
    if (node instanceof YamlScalar && ((YamlScalar) node).type() == YamlScalar.Type.BOOLEAN) {
      String text = ((YamlScalar) node).text().toLowerCase(Locale.ROOT);
      return text.equals("true") || text.equals("yes") || text.equals("on") || text.equals("y");
    }
    problems.at(node, describe(node) + " is not a boolean; allowed true or false");
    return null;
  }

  /** A duration string such as {@code 5s} (see {@link Durations}). */
  public static Duration duration(YamlNode node, Problems problems) {
    if (node instanceof YamlScalar && ((YamlScalar) node).type() == YamlScalar.Type.STRING) {
      try {
        return Durations.parse(((YamlScalar) node).text());
      } catch (IllegalArgumentException e) {
        problems.at(node, e.getMessage());
        return null;
      }
    }
    problems.at(node, describe(node) + " is not a duration; use " + Durations.EXPECTED);
    return null;
  }

  /** A size string such as {@code 512MB} (see {@link ByteSizes}); a bare number is bytes. */
  public static Long size(YamlNode node, Problems problems) {
    if (node instanceof YamlScalar) {
      YamlScalar scalar = (YamlScalar) node;
      if (scalar.type() == YamlScalar.Type.STRING || scalar.type() == YamlScalar.Type.INTEGER) {
        try {
          return ByteSizes.parse(scalar.text());
        } catch (IllegalArgumentException e) {
          problems.at(node, e.getMessage());
          return null;
        }
      }
    }
    problems.at(node, describe(node) + " is not a size; use " + ByteSizes.EXPECTED);
    return null;
  }

  /** One of an enum's {@link ConfigName#configName()} spellings; {@code what} names the kind. */
  public static <E extends Enum<E> & ConfigName> E choice(
      YamlNode node, Problems problems, Class<E> type, String what) {
    return choice(node, problems, type, ConfigName::configName, what);
  }

  /**
   * One of an enum's spellings as {@code configName} gives them, for runtime enums that cannot
   * implement {@link ConfigName} (runtime packages do not depend on {@code config}).
   */
  public static <E extends Enum<E>> E choice(YamlNode node, Problems problems, Class<E> type,
      Function<? super E, String> configName, String what) {
    List<String> names = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      names.add(configName.apply(constant));
    }
    if (node instanceof YamlScalar && !((YamlScalar) node).isNull()) {
      String text = ((YamlScalar) node).text();
      for (E constant : type.getEnumConstants()) {
        if (configName.apply(constant).equals(text)) {
          return constant;
        }
      }
      String guess = Suggestions.closest(text, names).map(c -> "did you mean '" + c + "'? ")
          .orElse("");
      problems.at(node, "'" + text + "' is not a known " + what + "; " + guess + "allowed: "
          + String.join(", ", names));
      return null;
    }
    problems.at(node, "expected " + what + ", found " + node.kind() + "; allowed: "
        + String.join(", ", names));
    return null;
  }

  /** The list node, or null with a problem when {@code node} is not a list. */
  public static YamlList list(YamlNode node, Problems problems, String hint) {
    if (node instanceof YamlList) {
      return (YamlList) node;
    }
    problems.at(node, "expected a list, found " + node.kind() + "; " + hint);
    return null;
  }

  /** How a scalar is quoted in messages: {@code 'abc'} for text, {@code 31} for numbers. */
  public static String describe(YamlNode node) {
    if (!(node instanceof YamlScalar)) {
      return node.kind();
    }
    YamlScalar scalar = (YamlScalar) node;
    if (scalar.isNull()) {
      return "an empty value";
    }
    return scalar.type() == YamlScalar.Type.STRING ? "'" + scalar.text() + "'" : scalar.text();
  }
}
