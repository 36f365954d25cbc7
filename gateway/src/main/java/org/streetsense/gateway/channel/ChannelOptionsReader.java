package org.streetsense.gateway.channel;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@link ChannelOptions} from a channel's object in the installation file, for example:
 *
 * <pre>{@code
 * "temperature": {"unit": "degC", "scale": 1.0, "offset": -0.4, "range": [-40, 85],
 *                 "stuck_samples": 30, "smoothing": {"ema_alpha": 0.3}, "deadband": 0.1,
 *                 "max_silence_ms": 300000, "aggregate_window_ms": 60000}
 * "electrode3":  {"publish": false, "touch": {"enter_at": 0.5, "leave_at": 0.5}}
 * "motion":      {"passers_by": {"window_ms": 60000, "enter_at": 1, "leave_at": 0}}
 * "distance":    {"presence": {"enter_at": 0.6, "leave_at": 0.4, "min_duration_ms": 200}}
 * }</pre>
 *
 * Errors name the device, the channel and the key. Unknown keys are errors (typos must not be
 * silently ignored).
 */
public final class ChannelOptionsReader {

  private static final Set<String> KEYS = Set.of("unit", "scale", "offset", "range",
      "stuck_samples", "smoothing", "publish", "deadband", "max_silence_ms",
      "aggregate_window_ms", "presence", "touch", "passers_by");

  private final String where;
  private final Map<String, ?> m;

  private ChannelOptionsReader(String deviceId, String channel, Map<String, ?> m) {
    this.where = "device '" + deviceId + "' channel '" + channel + "'";
    this.m = m;
  }

  /** Parses one channel's options. */
  public static ChannelOptions read(String deviceId, String channel, Map<String, ?> options) {
    return new ChannelOptionsReader(deviceId, channel, options).parse(channel);
  }

  private ChannelOptions parse(String channel) {
    for (String k : m.keySet()) {
      if (!KEYS.contains(k)) {
        throw error(k, "is not a channel option; known: " + String.join(", ", new java.util.TreeSet<>(KEYS)));
      }
    }
    try {
      ChannelOptions.Builder b = ChannelOptions.builder(channel);
      if (m.get("unit") instanceof String u) {
        b.unit(u);
      } else if (m.containsKey("unit")) {
        throw error("unit", "must be a string");
      }
      b.calibration(number(m, "scale", 1.0), number(m, "offset", 0.0));
      if (m.containsKey("range")) {
        if (!(m.get("range") instanceof List<?> r) || r.size() != 2
            || !(r.get(0) instanceof Number lo) || !(r.get(1) instanceof Number hi)) {
          throw error("range", "must be [min, max]");
        }
        b.range(lo.doubleValue(), hi.doubleValue());
      }
      if (m.containsKey("stuck_samples")) {
        b.stuckAfter((int) number(m, "stuck_samples", 0));
      }
      if (m.containsKey("smoothing")) {
        Map<String, ?> s = object("smoothing");
        if (s.containsKey("ema_alpha")) {
          b.smoothing(SmoothingOptions.ema(number(s, "ema_alpha", 1)));
        } else if (s.containsKey("window")) {
          b.smoothing(SmoothingOptions.movingMean((int) number(s, "window", 1)));
        } else {
          throw error("smoothing", "needs \"ema_alpha\" or \"window\"");
        }
      }
      boolean publish = !Boolean.FALSE.equals(m.get("publish"));
      b.report(new ReportOptions(publish, number(m, "deadband", 0), millis(m, "max_silence_ms")));
      if (m.containsKey("aggregate_window_ms")) {
        b.aggregate(new AggregateOptions(millis(m, "aggregate_window_ms")));
      }
      if (m.containsKey("presence")) {
        Map<String, ?> p = object("presence");
        b.presence(HysteresisOptions.presence(number(p, "enter_at", 0.5),
            number(p, "leave_at", 0.5), millis(p, "min_duration_ms")));
      }
      if (m.containsKey("touch")) {
        Map<String, ?> t = object("touch");
        b.touch(HysteresisOptions.touch(number(t, "enter_at", 0.5), number(t, "leave_at", 0.5)));
      }
      if (m.containsKey("passers_by")) {
        Map<String, ?> p = object("passers_by");
        b.passersBy(new PassersByOptions(millis(p, "window_ms"),
            HysteresisOptions.presence(number(p, "enter_at", 0.5), number(p, "leave_at", 0.5),
                millis(p, "min_duration_ms"))));
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(where)) {
        throw e;
      }
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  private Map<String, ?> object(String key) {
    if (m.get(key) instanceof Map<?, ?> o) {
      @SuppressWarnings("unchecked")
      Map<String, ?> typed = (Map<String, ?>) o;
      return typed;
    }
    throw error(key, "must be an object");
  }

  private double number(Map<String, ?> map, String key, double def) {
    Object v = map.get(key);
    if (v == null) {
      return def;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw error(key, "must be a number, was " + v);
  }

  private Duration millis(Map<String, ?> map, String key) {
    double ms = number(map, key, 0);
    if (ms < 0) {
      throw error(key, "must not be negative, was " + ms);
    }
    return Duration.ofNanos(Math.round(ms * 1_000_000));
  }

  private IllegalArgumentException error(String key, String problem) {
    return new IllegalArgumentException(where + " option '" + key + "' " + problem);
  }
}
