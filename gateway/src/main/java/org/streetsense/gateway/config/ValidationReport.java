package org.streetsense.gateway.config;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of checking one installation file, for {@code streetsense validate FILE}.
 *
 * @param file the file name as given
 * @param errors every problem found, in file order; empty when the file is valid
 */
public record ValidationReport(String file, List<ConfigError> errors) {

  public ValidationReport {
    Objects.requireNonNull(file, "file");
    file = Echo.line(file);
    errors = List.copyOf(errors);
  }

  public boolean isValid() {
    return errors.isEmpty();
  }

  /** 0 when valid, 3 otherwise: the process exit code for {@code validate} (see docs/cli.md). */
  public int exitCode() {
    return isValid() ? 0 : 3;
  }

  /**
   * Text for a terminal: one {@link ConfigError#format()} line per error followed by a count, or
   * {@code "FILE: valid"}. Ends with a newline; the file name is escaped ({@link Echo}). Never contains a stack trace or a secret.
   */
  public String format() {
    if (isValid()) {
      return file + ": valid" + System.lineSeparator();
    }
    StringBuilder out = new StringBuilder();
    for (ConfigError error : errors) {
      out.append(error.format()).append(System.lineSeparator());
    }
    out.append(errors.size()).append(errors.size() == 1 ? " error" : " errors")
        .append(" in ").append(file).append(System.lineSeparator());
    return out.toString();
  }
}
