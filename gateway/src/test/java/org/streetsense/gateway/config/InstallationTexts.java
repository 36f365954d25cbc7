package org.streetsense.gateway.config;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Builds small installation files in tests: a valid skeleton plus the lines under test. */
final class InstallationTexts {

  static final String HEAD = String.join("\n",
      "installation: bench",
      "site: Bench",
      "hardware: {backend: simulated}",
      "uplink: {mqtt: {url: 'tcp://localhost:1883'}}",
      "");

  private InstallationTexts() {}

  /** Loads {@link #HEAD} followed by {@code lines}. */
  static Installation load(String... lines) throws ConfigException {
    return InstallationLoader.load("bench.yaml", stream(lines));
  }

  /** Errors of {@link #HEAD} followed by {@code lines}, empty when valid. */
  static List<ConfigError> errors(String... lines) {
    try {
      load(lines);
      return List.of();
    } catch (ConfigException e) {
      return e.errors();
    }
  }

  private static ByteArrayInputStream stream(String... lines) {
    String text = HEAD + String.join("\n", lines) + "\n";
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
