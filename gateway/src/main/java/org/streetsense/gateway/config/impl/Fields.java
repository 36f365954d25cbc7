package org.streetsense.gateway.config.impl;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.streetsense.gateway.config.ConfigName;
import org.streetsense.gateway.config.Durations;
import org.streetsense.gateway.config.SecretRef;

/**
 * Reads the keys of one YAML map. Keys not in the allowed set are reported at once ("did you
 * mean" when close to a known key). Empty values ({@code key:} or {@code ~}) count as absent.
 * Getters report problems and return null (or the default) rather than throwing.
 */
public final class Fields {

  private final YamlMap map;
  private final Problems problems;

  private Fields(YamlMap map, Problems problems) {
    this.map = map;
    this.problems = problems;
  }

  /**
   * Opens {@code node} as a map with the given keys.
   *
   * @param what what the map is, for the message when it is not a map ("the uplink settings")
   * @return null (with a problem reported) when {@code node} is not a map
   */
  public static Fields of(YamlNode node, Problems problems, String what, String... allowed) {
    if (!(node instanceof YamlMap)) {
      problems.at(node, "expected a map (key: value) for " + what + ", found " + node.kind());
      return null;
    }
    YamlMap map = (YamlMap) node;
    List<String> known = Arrays.asList(allowed);
    for (String key : map.entries().keySet()) {
      if (!known.contains(key)) {
        String guess = Suggestions.closest(key, known).map(c -> "; did you mean '" + c + "'?")
            .orElse("; allowed keys: " + String.join(", ", known));
        problems.atKey(map, key, "unknown key '" + key + "'" + guess);
      }
    }
    return new Fields(map, problems);
  }

  public YamlMap map() {
    return map;
  }

  public Problems problems() {
    return problems;
  }

  /** The value node under {@code key}, or null when absent or empty. */
  public YamlNode node(String key) {
    YamlNode node = map.get(key);
    if (node instanceof YamlScalar && ((YamlScalar) node).isNull()) {
      return null;
    }
    return node;
  }

  public boolean has(String key) {
    return node(key) != null;
  }

  /** Like {@link #node} but reports {@code "required; " + hint} when absent. */
  public YamlNode required(String key, String hint) {
    YamlNode node = node(key);
    if (node == null) {
      problems.missing(map, key, "required; " + hint);
    }
    return node;
  }

  public String text(String key, String fallback) {
    YamlNode node = node(key);
    return node == null ? fallback : Values.text(node, problems);
  }

  public String requiredText(String key, String hint) {
    YamlNode node = required(key, hint);
    return node == null ? null : Values.text(node, problems);
  }

  public Long integer(String key, long min, long max, String what, Long fallback) {
    YamlNode node = node(key);
    return node == null ? fallback : Values.integer(node, problems, min, max, what);
  }

  public Double number(String key, Double fallback) {
    YamlNode node = node(key);
    return node == null ? fallback : Values.number(node, problems);
  }

  public Boolean bool(String key, Boolean fallback) {
    YamlNode node = node(key);
    return node == null ? fallback : Values.bool(node, problems);
  }

  public Duration duration(String key, Duration fallback) {
    YamlNode node = node(key);
    return node == null ? fallback : Values.duration(node, problems);
  }

  /** A duration that must lie within {@code min..max}. */
  public Duration duration(String key, Duration fallback, Duration min, Duration max) {
    YamlNode node = node(key);
    if (node == null) {
      return fallback;
    }
    Duration value = Values.duration(node, problems);
    if (value != null && (value.compareTo(min) < 0 || value.compareTo(max) > 0)) {
      problems.at(node, "'" + ((YamlScalar) node).text() + "' is out of range; allowed "
          + Durations.format(min) + ".."
          + Durations.format(max));
      return null;
    }
    return value;
  }

  public Long size(String key, Long fallback) {
    YamlNode node = node(key);
    return node == null ? fallback : Values.size(node, problems);
  }

  public <E extends Enum<E> & ConfigName> E choice(
      String key, Class<E> type, String what, E fallback) {
    YamlNode node = node(key);
    return node == null ? fallback : Values.choice(node, problems, type, what);
  }

  /** As {@link #choice(String, Class, String, Enum)}, spelled by {@code configName}. */
  public <E extends Enum<E>> E choice(String key, Class<E> type,
      Function<? super E, String> configName, String what, E fallback) {
    YamlNode node = node(key);
    return node == null ? fallback : Values.choice(node, problems, type, configName, what);
  }

  /**
   * A secret reference {@code {env: NAME}} or {@code {file: /path}}. An inline value is an error
   * whose message never repeats the value.
   */
  public Optional<SecretRef> secret(String key) {
    YamlNode node = node(key);
    if (node == null) {
      return Optional.empty();
    }
    String origin = map.childPath(key);
    if (node instanceof YamlScalar) {
      problems.at(node, "secrets must not be written in the file; use {env: VARIABLE} or "
          + "{file: /path/to/secret}");
      return Optional.empty();
    }
    Fields ref = of(node, problems, "a secret reference", "env", "file");
    if (ref == null) {
      return Optional.empty();
    }
    String env = ref.text("env", null);
    String file = ref.text("file", null);
    if ((env == null) == (file == null)) {
      problems.at(node, "give exactly one of env or file, e.g. {env: STREETSENSE_MQTT_PASSWORD}");
      return Optional.empty();
    }
    if (env != null) {
      if (!env.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        problems.at(ref.node("env"), "'" + env + "' is not an environment variable name; "
            + "allowed letters, digits and _, not starting with a digit");
        return Optional.empty();
      }
      return Optional.of(SecretRef.env(env, origin));
    }
    return Optional.of(SecretRef.file(file, origin));
  }
}
