package org.streetsense.system.fleet;

import java.time.LocalDateTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Connection attempts a Mosquitto broker logged, counted per second. Needs the broker to run
 * with {@code connection_messages true} and {@code log_timestamp_format %Y-%m-%dT%H:%M:%S}:
 * every accepted TCP connection logs {@code <time>: New connection from <addr> on port <port>.}
 * and every accepted MQTT CONNECT {@code <time>: New client connected from <addr> as <id> ...}.
 *
 * @param attemptsPerSecond TCP connections accepted, by second
 * @param connectsPerSecond CONNECTs accepted from clients whose id starts with the prefix, by second
 */
record BrokerConnectionLog(TreeMap<LocalDateTime, Integer> attemptsPerSecond,
    TreeMap<LocalDateTime, Integer> connectsPerSecond) {

  private static final Pattern ATTEMPT = Pattern.compile(
      "^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d): New connection from ", Pattern.MULTILINE);
  private static final Pattern CONNECT = Pattern.compile(
      "^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d): New client connected from \\S+ as (\\S+) ",
      Pattern.MULTILINE);

  private static final Pattern START = Pattern.compile(
      "^\\S+: mosquitto version \\S+ starting$", Pattern.MULTILINE);

  /**
   * Parses what the broker logged since it last started. Read the log after stopping the broker:
   * Mosquitto buffers its output when it goes to a file, and flushes it when it exits.
   */
  static BrokerConnectionLog sinceLastStart(String log, String prefix) {
    Matcher start = START.matcher(log);
    int from = -1;
    while (start.find()) {
      from = start.start();
    }
    if (from < 0) {
      throw new IllegalArgumentException("no 'mosquitto version ... starting' line in the log");
    }
    return parse(log.substring(from), prefix);
  }

  /** Parses a log excerpt; CONNECTs are counted for client ids starting with {@code prefix}. */
  static BrokerConnectionLog parse(String log, String prefix) {
    TreeMap<LocalDateTime, Integer> attempts = new TreeMap<>();
    Matcher a = ATTEMPT.matcher(log);
    while (a.find()) {
      attempts.merge(LocalDateTime.parse(a.group(1)), 1, Integer::sum);
    }
    TreeMap<LocalDateTime, Integer> connects = new TreeMap<>();
    Matcher c = CONNECT.matcher(log);
    while (c.find()) {
      if (c.group(2).startsWith(prefix)) {
        connects.merge(LocalDateTime.parse(c.group(1)), 1, Integer::sum);
      }
    }
    return new BrokerConnectionLog(attempts, connects);
  }

  /** Most TCP connections accepted in any one second. */
  int peakAttemptsPerSecond() {
    return attemptsPerSecond.values().stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  /** Most CONNECTs of the fleet accepted in any one second. */
  int peakConnectsPerSecond() {
    return connectsPerSecond.values().stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  int totalAttempts() {
    return attemptsPerSecond.values().stream().mapToInt(Integer::intValue).sum();
  }

  int totalConnects() {
    return connectsPerSecond.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Seconds from the first to the last logged CONNECT, inclusive (0 when none). */
  long connectSpreadSeconds() {
    if (connectsPerSecond.isEmpty()) {
      return 0;
    }
    return java.time.Duration.between(connectsPerSecond.firstKey(), connectsPerSecond.lastKey())
        .toSeconds() + 1;
  }

  /** The per-second CONNECT histogram as {@code "+0s:12 +1s:30 ..."} from the first one. */
  String histogram() {
    StringBuilder b = new StringBuilder();
    if (connectsPerSecond.isEmpty()) {
      return "";
    }
    LocalDateTime first = connectsPerSecond.firstKey();
    for (Map.Entry<LocalDateTime, Integer> e : connectsPerSecond.entrySet()) {
      b.append(" +").append(java.time.Duration.between(first, e.getKey()).toSeconds())
          .append("s:").append(e.getValue());
    }
    return b.toString().trim();
  }
}
