package org.streetsense.gateway.config;

import java.util.Comparator;
import java.util.Objects;

/**
 * One problem in an installation file.
 *
 * @param file the file name as given to the loader (a path or a resource name)
 * @param line 1-based line of the offending key or value
 * @param column 1-based column of the offending key or value
 * @param path where in the document, for example {@code devices[2].pin}; empty for the whole file
 * @param message what is wrong and what is allowed, for example
 *     {@code 31 is not a BCM GPIO pin; allowed 0..27}; never contains a secret's value
 *
 * <p>File, path and message are stored as {@link Echo} makes them: control characters escaped
 * and long echoes cut, so one error is always one printable line of bounded length.
 */
public record ConfigError(String file, int line, int column, String path, String message) {

  /** Orders errors as they appear in the file. */
  public static final Comparator<ConfigError> FILE_ORDER =
      Comparator.comparingInt(ConfigError::line).thenComparingInt(ConfigError::column);

  public ConfigError {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    file = Echo.line(file);
    path = Echo.line(path);
    message = Echo.message(message);
  }

  /** {@code file:line:col: path: message}, or {@code file:line:col: message} for the root. */
  public String format() {
    String where = file + ":" + line + ":" + column + ": ";
    return path.isEmpty() ? where + message : where + path + ": " + message;
  }
}
