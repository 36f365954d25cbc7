package org.streetsense.gateway.driver;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The options of one device from the installation file ({@code "options": {...}}), with typed
 * getters whose errors name the device and the key. Values are what a JSON parser produces:
 * numbers, strings, booleans, lists, maps. Durations are written in milliseconds ({@code *_ms}
 * keys) or ISO-8601 strings ({@code "PT0.5S"}). Integers may be written as {@code "0x76"}.
 */
public final class DeviceOptions {

  private final String deviceId;
  private final Map<String, Object> values;

  public DeviceOptions(String deviceId, Map<String, ?> values) {
    this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
    this.values = Map.copyOf(Objects.requireNonNull(values, "values"));
  }

  public static DeviceOptions empty(String deviceId) {
    return new DeviceOptions(deviceId, Map.of());
  }

  public String deviceId() {
    return deviceId;
  }

  public boolean has(String key) {
    return values.containsKey(key);
  }

  public Optional<Object> raw(String key) {
    return Optional.ofNullable(values.get(key));
  }

  public int intValue(String key, int defaultValue) {
    Object v = values.get(key);
    return v == null ? defaultValue : toInt(key, v);
  }

  /** A required integer. */
  public int intValue(String key) {
    Object v = values.get(key);
    if (v == null) {
      throw error(key, "is required");
    }
    return toInt(key, v);
  }

  public double doubleValue(String key, double defaultValue) {
    Object v = values.get(key);
    if (v == null) {
      return defaultValue;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw error(key, "expected a number, was " + describe(v));
  }

  public boolean booleanValue(String key, boolean defaultValue) {
    Object v = values.get(key);
    if (v == null) {
      return defaultValue;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    throw error(key, "expected true or false, was " + describe(v));
  }

  public String stringValue(String key, String defaultValue) {
    Object v = values.get(key);
    if (v == null) {
      return defaultValue;
    }
    if (v instanceof String s) {
      return s;
    }
    throw error(key, "expected a string, was " + describe(v));
  }

  /** A duration: a number of milliseconds or an ISO-8601 duration string. */
  public Duration durationValue(String key, Duration defaultValue) {
    Object v = values.get(key);
    if (v == null) {
      return defaultValue;
    }
    Duration d;
    if (v instanceof Number n) {
      d = Duration.ofNanos(Math.round(n.doubleValue() * 1_000_000));
    } else if (v instanceof String s) {
      try {
        d = Duration.parse(s);
      } catch (RuntimeException e) {
        throw error(key, "expected milliseconds or an ISO-8601 duration, was \"" + s + "\"");
      }
    } else {
      throw error(key, "expected milliseconds or an ISO-8601 duration, was " + describe(v));
    }
    if (d.isNegative()) {
      throw error(key, "must not be negative, was " + d);
    }
    return d;
  }

  /** A list value, or an empty list when absent. */
  public List<?> listValue(String key) {
    Object v = values.get(key);
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> l) {
      return l;
    }
    throw error(key, "expected a list, was " + describe(v));
  }

  /** Options nested under {@code key} (a JSON object), or empty ones. */
  public DeviceOptions nested(String key) {
    Object v = values.get(key);
    if (v == null) {
      return empty(deviceId);
    }
    if (v instanceof Map<?, ?> m) {
      @SuppressWarnings("unchecked")
      Map<String, ?> typed = (Map<String, ?>) m;
      return new DeviceOptions(deviceId + "." + key, typed);
    }
    throw error(key, "expected an object, was " + describe(v));
  }

  /** An error that names this device and the offending key. */
  public IllegalArgumentException error(String key, String problem) {
    return new IllegalArgumentException("device '" + deviceId + "' option '" + key + "' " + problem);
  }

  private int toInt(String key, Object v) {
    if (v instanceof Number n) {
      double d = n.doubleValue();
      if (d != Math.rint(d)) {
        throw error(key, "expected an integer, was " + v);
      }
      return n.intValue();
    }
    if (v instanceof String s) {
      try {
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        return t.startsWith("0x") ? Integer.parseInt(t.substring(2), 16) : Integer.parseInt(t);
      } catch (NumberFormatException e) {
        throw error(key, "expected an integer, was \"" + s + "\"");
      }
    }
    throw error(key, "expected an integer, was " + describe(v));
  }

  private static String describe(Object v) {
    return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
  }
}
