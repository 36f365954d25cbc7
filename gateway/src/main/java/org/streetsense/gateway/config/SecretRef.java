package org.streetsense.gateway.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where a secret (password, token) comes from: an environment variable or a file. Installation
 * files never hold secret values; this reference is resolved at start-up by {@link #resolve()}.
 *
 * <p>The value is never stored in this object, so {@link #toString()} and every message name only
 * the variable or the file.
 *
 * @param source environment variable or file
 * @param name the variable name, or the file path (relative paths against the working directory)
 * @param origin where the reference was declared, for messages, e.g. {@code uplink.mqtt.password}
 */
public record SecretRef(Source source, String name, String origin) {

  /** Kinds of secret source. */
  public enum Source implements ConfigName {
    ENV("env"),
    FILE("file");

    private final String configName;

    Source(String configName) {
      this.configName = configName;
    }

    @Override
    public String configName() {
      return configName;
    }
  }

  public SecretRef {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(origin, "origin");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("secret " + source.configName + " name must not be blank");
    }
  }

  public static SecretRef env(String variable, String origin) {
    return new SecretRef(Source.ENV, variable, origin);
  }

  public static SecretRef file(String path, String origin) {
    return new SecretRef(Source.FILE, path, origin);
  }

  /**
   * Reads the secret from the process environment or the file system. Blocking (file I/O): call
   * at start-up, off the event loop. A file's trailing line breaks are removed.
   *
   * @throws SecretException when the variable is unset or empty, or the file is missing, unreadable
   *     or empty; the message names the origin and the variable or file, never a value
   */
  public String resolve() throws SecretException {
    return resolve(System::getenv);
  }

  /**
   * Like {@link #resolve()} with the given environment lookup (returns null when unset).
   *
   * @throws SecretException as {@link #resolve()}
   */
  public String resolve(Function<String, String> environment) throws SecretException {
    String value;
    if (source == Source.ENV) {
      value = environment.apply(name);
      if (value == null) {
        throw new SecretException(origin + ": environment variable " + name + " is not set");
      }
    } else {
      try {
        value = Files.readString(Path.of(name), StandardCharsets.UTF_8).replaceAll("[\r\n]+$", "");
      } catch (IOException | RuntimeException e) {
        throw new SecretException(
            origin + ": cannot read secret file " + name + " (" + e.getClass().getSimpleName() + ")");
      }
    }
    if (value.isEmpty()) {
      throw new SecretException(origin + ": secret " + describe() + " is empty");
    }
    return value;
  }

  /** {@code env MQTT_PASSWORD} or {@code file /etc/streetsense/token}. */
  public String describe() {
    return source == Source.ENV ? "environment variable " + name : "file " + name;
  }

  @Override
  public String toString() {
    return "SecretRef[" + source.configName + ":" + name + " for " + origin + "]";
  }
}
