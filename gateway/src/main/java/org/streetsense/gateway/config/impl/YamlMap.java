package org.streetsense.gateway.config.impl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A YAML mapping in file order. Each entry keeps the position of its key, so an unknown key can
 * be reported where it is written.
 */
public record YamlMap(String path, int line, int column, Map<String, Entry> entries)
    implements YamlNode {

  /** One key and its value. */
  public record Entry(String key, int keyLine, int keyColumn, YamlNode value) {}

  public YamlMap {
    entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }

  @Override
  public String kind() {
    return "a map";
  }

  /** The value under {@code key}, or null when absent. */
  public YamlNode get(String key) {
    Entry entry = entries.get(key);
    return entry == null ? null : entry.value();
  }

  public boolean has(String key) {
    return entries.containsKey(key);
  }

  /** Path of a child of this map. */
  public String childPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
