package org.streetsense.gateway.driver.spec;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * One key of a device's {@code options} in the installation file: its type, unit, default,
 * allowed range and one line of documentation, and the key the driver reads it under. Immutable;
 * built with {@link #builder(String, OptionType)}, whose {@code build()} refuses an inconsistent
 * option (a default outside the range, a choice without words).
 *
 * <p>Ranges of {@link OptionType#DURATION} options are in milliseconds.
 */
public final class OptionSpec {

  private static final Pattern KEY = Pattern.compile("[a-z][A-Za-z0-9]{0,31}");

  private final String key;
  private final String driverKey;
  private final OptionType type;
  private final String unit;
  private final Optional<Object> defaultValue;
  private final OptionalDouble min;
  private final OptionalDouble max;
  private final List<String> choices;
  private final String doc;

  private OptionSpec(Builder b) {
    this.key = b.key;
    this.driverKey = b.driverKey == null ? b.key : b.driverKey;
    this.type = b.type;
    this.unit = b.unit;
    this.defaultValue = Optional.ofNullable(b.defaultValue);
    this.min = b.min;
    this.max = b.max;
    this.choices = List.copyOf(b.choices);
    this.doc = b.doc;
  }

  /** Starts an option written as {@code key} in the file. */
  public static Builder builder(String key, OptionType type) {
    return new Builder(key, type);
  }

  /** A boolean option. */
  public static OptionSpec bool(String key, boolean defaultValue, String doc) {
    return builder(key, OptionType.BOOLEAN).defaultValue(defaultValue).doc(doc).build();
  }

  /** A duration option with a default, allowed {@code min..max}. */
  public static OptionSpec duration(String key, Duration defaultValue, Duration min, Duration max,
      String doc) {
    return builder(key, OptionType.DURATION).defaultValue(defaultValue)
        .range(min.toMillis(), max.toMillis()).doc(doc).build();
  }

  /** A whole number in {@code unit}, allowed {@code min..max}. */
  public static OptionSpec integer(String key, String unit, long defaultValue, long min, long max,
      String doc) {
    return builder(key, OptionType.INTEGER).unit(unit).defaultValue(defaultValue).range(min, max)
        .doc(doc).build();
  }

  /** A whole number in {@code unit} that must be one of {@code values}. */
  public static OptionSpec integerOf(String key, String unit, long defaultValue, List<Long> values,
      String doc) {
    return builder(key, OptionType.INTEGER).unit(unit).defaultValue(defaultValue)
        .choices(values.stream().map(String::valueOf).toList()).doc(doc).build();
  }

  /** One of {@code choices}, {@code defaultValue} when absent. */
  public static OptionSpec choice(String key, String defaultValue, List<String> choices,
      String doc) {
    return builder(key, OptionType.CHOICE).choices(choices).defaultValue(defaultValue).doc(doc)
        .build();
  }

  /** An optional extra GPIO pin (an IRQ line), no default. */
  public static OptionSpec gpioPin(String key, String doc) {
    return builder(key, OptionType.GPIO_PIN).range(0, 27).doc(doc).build();
  }

  /** The key as the installation file writes it ({@code debounce}). */
  public String key() {
    return key;
  }

  /** The key the driver reads ({@code debounce_ms}). */
  public String driverKey() {
    return driverKey;
  }

  public OptionType type() {
    return type;
  }

  /** The unit of a number ({@code Hz}, {@code us}); empty when it has none. Durations carry theirs. */
  public String unit() {
    return unit;
  }

  /**
   * The value used when the file gives none: Boolean, Long, Double, Duration or String; empty for
   * an option that is off unless given (an IRQ pin).
   */
  public Optional<Object> defaultValue() {
    return defaultValue;
  }

  /** Smallest allowed value (durations in ms). */
  public OptionalDouble min() {
    return min;
  }

  /** Largest allowed value (durations in ms). */
  public OptionalDouble max() {
    return max;
  }

  /** The allowed words of a {@link OptionType#CHOICE}, or the allowed values of a number that has them. */
  public List<String> choices() {
    return choices;
  }

  /** One line of documentation. */
  public String doc() {
    return doc;
  }

  /** The default as the file would write it: {@code 20ms}, {@code true}, {@code up}; "" if none. */
  public String defaultText() {
    return defaultValue.map(this::format).orElse("");
  }

  /** The allowed values as the docs write them: {@code 0ms..1s}, {@code 24..1526}, {@code up, down, off}. */
  public String rangeText() {
    if (!choices.isEmpty()) {
      return String.join(", ", choices);
    }
    if (type == OptionType.BOOLEAN) {
      return "true, false";
    }
    if (min.isEmpty() && max.isEmpty()) {
      return "";
    }
    String lo = min.isPresent() ? bound(min.getAsDouble()) : "";
    String hi = max.isPresent() ? bound(max.getAsDouble()) : "";
    return lo + ".." + hi;
  }

  /** What a value of this option looks like, for messages: "a duration like 20ms". */
  public String expected() {
    return switch (type) {
      case BOOLEAN -> "true or false";
      case INTEGER -> choices.isEmpty()
          ? "a whole number" + (unit.isEmpty() ? "" : " of " + unit)
              + (rangeText().isEmpty() ? "" : " in " + rangeText())
          : "one of " + rangeText() + (unit.isEmpty() ? "" : " (" + unit + ")");
      case NUMBER -> choices.isEmpty()
          ? "a number" + (unit.isEmpty() ? "" : " of " + unit)
              + (rangeText().isEmpty() ? "" : " in " + rangeText())
          : "one of " + rangeText() + (unit.isEmpty() ? "" : " (" + unit + ")");
      case DURATION -> "a duration like " + defaultValue.map(this::format).orElse("20ms")
          + " (a whole number with a unit ms, s, m or h)";
      case CHOICE -> "one of " + String.join(", ", choices);
      case GPIO_PIN -> "a BCM GPIO pin 0..27";
    };
  }

  private String bound(double value) {
    if (type == OptionType.DURATION) {
      return format(Duration.ofMillis((long) value));
    }
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  private String format(Object value) {
    if (value instanceof Duration d) {
      long ms = d.toMillis();
      if (ms != 0 && ms % 3_600_000 == 0) {
        return ms / 3_600_000 + "h";
      }
      if (ms != 0 && ms % 60_000 == 0) {
        return ms / 60_000 + "m";
      }
      if (ms != 0 && ms % 1_000 == 0) {
        return ms / 1_000 + "s";
      }
      return ms + "ms";
    }
    if (value instanceof Double n && n == Math.rint(n) && Math.abs(n) < 1e15) {
      return Long.toString(n.longValue());
    }
    return String.valueOf(value);
  }

  @Override
  public String toString() {
    return "option " + key + " (" + type.label() + ")";
  }

  /** Builds an {@link OptionSpec}; {@link #build()} checks it is consistent. */
  public static final class Builder {
    private final String key;
    private final OptionType type;
    private String driverKey;
    private String unit = "";
    private Object defaultValue;
    private OptionalDouble min = OptionalDouble.empty();
    private OptionalDouble max = OptionalDouble.empty();
    private List<String> choices = List.of();
    private String doc;

    private Builder(String key, OptionType type) {
      this.key = Objects.requireNonNull(key, "key");
      this.type = Objects.requireNonNull(type, "type");
    }

    /** The key the driver reads, when it differs from the file's key. */
    public Builder driverKey(String driverKey) {
      this.driverKey = Objects.requireNonNull(driverKey, "driverKey");
      return this;
    }

    public Builder unit(String unit) {
      this.unit = Objects.requireNonNull(unit, "unit");
      return this;
    }

    public Builder defaultValue(Object defaultValue) {
      this.defaultValue = defaultValue instanceof Integer i ? Long.valueOf(i) : defaultValue;
      return this;
    }

    /** Allowed {@code min..max} (durations in milliseconds). */
    public Builder range(double min, double max) {
      this.min = OptionalDouble.of(min);
      this.max = OptionalDouble.of(max);
      return this;
    }

    public Builder choices(List<String> choices) {
      this.choices = List.copyOf(choices);
      return this;
    }

    public Builder doc(String doc) {
      this.doc = Objects.requireNonNull(doc, "doc");
      return this;
    }

    /**
     * @throws IllegalArgumentException the key is not a camelCase word, the doc is missing or
     *     longer than a line, a choice has no words, or the default has the wrong type or lies
     *     outside the range
     */
    public OptionSpec build() {
      if (!KEY.matcher(key).matches()) {
        throw new IllegalArgumentException("option key '" + key + "' must be camelCase like "
            + "activeLow");
      }
      if (doc == null || doc.isBlank() || doc.contains("\n") || doc.length() > 160) {
        throw new IllegalArgumentException("option '" + key + "' needs one line of doc");
      }
      if (type == OptionType.CHOICE && choices.isEmpty()) {
        throw new IllegalArgumentException("choice option '" + key + "' needs its words");
      }
      if (min.isPresent() && max.isPresent() && min.getAsDouble() > max.getAsDouble()) {
        throw new IllegalArgumentException("option '" + key + "' has min > max");
      }
      if (defaultValue != null) {
        checkDefault();
      }
      return new OptionSpec(this);
    }

    private void checkDefault() {
      boolean typed = switch (type) {
        case BOOLEAN -> defaultValue instanceof Boolean;
        case INTEGER -> defaultValue instanceof Long
            && (choices.isEmpty() || choices.contains(defaultValue.toString()));
        case GPIO_PIN -> defaultValue instanceof Long;
        case NUMBER -> defaultValue instanceof Number n
            && (choices.isEmpty() || choices.stream().anyMatch(c -> Double.parseDouble(c)
                == n.doubleValue()));
        case DURATION -> defaultValue instanceof Duration;
        case CHOICE -> choices.contains(defaultValue);
      };
      if (!typed) {
        throw new IllegalArgumentException("option '" + key + "' default " + defaultValue
            + " is not a " + type.label());
      }
      double v = defaultValue instanceof Duration d ? d.toMillis()
          : defaultValue instanceof Number n ? n.doubleValue() : Double.NaN;
      if (!Double.isNaN(v) && (min.isPresent() && v < min.getAsDouble()
          || max.isPresent() && v > max.getAsDouble())) {
        throw new IllegalArgumentException("option '" + key + "' default " + defaultValue
            + " lies outside its range");
      }
    }
  }
}
