package org.streetsense.gateway.config.impl;

import java.util.ArrayList;
import java.util.List;
import org.streetsense.gateway.config.ConfigError;

/**
 * Collects every {@link ConfigError} found in one file, so all of them can be reported at once,
 * up to {@link #MAX_ERRORS}; beyond that one last error says how many more there were. Not
 * thread-safe; one instance per load.
 */
public final class Problems {

  /** Most errors kept for one file. */
  public static final int MAX_ERRORS = 100;

  private final String file;
  private final List<ConfigError> errors = new ArrayList<>();
  private int dropped;
  private int lastLine = 1;

  public Problems(String file) {
    this.file = file;
  }

  public String file() {
    return file;
  }

  /** Reports a problem with a node's value, at the node's position. */
  public void at(YamlNode node, String message) {
    add(node.line(), node.column(), node.path(), message);
  }

  /** Reports a problem with a key of a map (unknown, duplicate), at the key's position. */
  public void atKey(YamlMap map, String key, String message) {
    YamlMap.Entry entry = map.entries().get(key);
    add(entry.keyLine(), entry.keyColumn(), map.childPath(key), message);
  }

  /** Reports that a required key is missing from {@code map}, at the map's position. */
  public void missing(YamlMap map, String key, String message) {
    add(map.line(), map.column(), map.childPath(key), message);
  }

  public void add(int line, int column, String path, String message) {
    if (errors.size() >= MAX_ERRORS) {
      dropped++;
      lastLine = Math.max(lastLine, line);
      return;
    }
    errors.add(new ConfigError(file, line, column, path, message));
  }

  /** A mark to pass to {@link #since(int)}. */
  public int mark() {
    return errors.size() + dropped;
  }

  /** Whether anything was reported after {@code mark}. */
  public boolean since(int mark) {
    return errors.size() + dropped > mark;
  }

  public boolean isEmpty() {
    return errors.isEmpty();
  }

  /** The errors in file order (line, then column), stable for equal positions. */
  public List<ConfigError> sorted() {
    List<ConfigError> copy = new ArrayList<>(errors);
    copy.sort(ConfigError.FILE_ORDER);
    if (dropped > 0) {
      copy.add(new ConfigError(file, lastLine, 1, "", dropped + " more problems not shown; "
          + "fix the first " + MAX_ERRORS + " and validate again"));
    }
    return List.copyOf(copy);
  }
}
