package org.streetsense.gateway.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An installation file could not be loaded. Carries every problem found, in file order; the
 * message lists them one per line in {@link ConfigError#format()} form.
 */
public final class ConfigException extends Exception {

  private final List<ConfigError> errors;

  public ConfigException(List<ConfigError> errors) {
    super(errors.stream().map(ConfigError::format).collect(Collectors.joining("\n")), null,
        false, false);
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("errors must not be empty");
    }
    this.errors = List.copyOf(errors);
  }

  /** Every problem found, in file order; never empty. */
  public List<ConfigError> errors() {
    return errors;
  }
}
