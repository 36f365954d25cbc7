package org.streetsense.gateway.config;

import java.io.IOException;
import java.io.InputStream;
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

  /** Largest secret accepted, from a file or a variable: 16 KiB (a token or password is far less). */
  public static final int MAX_SECRET_BYTES = 16 * 1024;

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
   * at start-up, off the event loop. A file's trailing line breaks are removed. A file must be a
   * regular file (not a device such as {@code /dev/zero}, a FIFO or a directory) of at most
   * {@link #MAX_SECRET_BYTES}; at most that many bytes and one more are ever read.
   *
   * @throws SecretException when the variable is unset, empty or too long, or the file is missing,
   *     not a regular file, unreadable, too large or empty; the message names the origin and the
   *     variable or file, never a value
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
      if (value.length() > MAX_SECRET_BYTES) {
        throw new SecretException(origin + ": environment variable " + name + " is longer than "
            + MAX_SECRET_BYTES + " characters; a secret is at most that long");
      }
    } else {
      value = stripLineBreaks(new String(readFile(), StandardCharsets.UTF_8));
    }
    if (value.isEmpty()) {
      throw new SecretException(origin + ": secret " + describe() + " is empty");
    }
    return value;
  }

  /** The file's bytes, refusing anything but a regular file of at most MAX_SECRET_BYTES. */
  private byte[] readFile() throws SecretException {
    Path path;
    try {
      path = Path.of(name);
    } catch (RuntimeException e) {
      throw new SecretException(origin + ": secret file " + name + " is not a usable path");
    }
    if (!Files.exists(path)) {
      throw new SecretException(
          origin + ": cannot read secret file " + name + " (NoSuchFileException)");
    }
    // checked before opening: opening a FIFO would block, reading a device would never end
    if (!Files.isRegularFile(path)) {
      throw new SecretException(origin + ": secret file " + name + " is not a regular file "
          + "(a device, FIFO or directory); put the secret in a plain file");
    }
    try (InputStream in = Files.newInputStream(path)) {
      byte[] bytes = in.readNBytes(MAX_SECRET_BYTES + 1);
      if (bytes.length > MAX_SECRET_BYTES) {
        throw new SecretException(origin + ": secret file " + name + " is larger than "
            + MAX_SECRET_BYTES + " bytes; a secret file holds only the secret");
      }
      return bytes;
    } catch (IOException | RuntimeException e) {
      throw new SecretException(
          origin + ": cannot read secret file " + name + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static String stripLineBreaks(String text) {
    int end = text.length();
    while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      end--;
    }
    return text.substring(0, end);
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
