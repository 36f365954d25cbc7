package org.streetsense.gateway.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.streetsense.gateway.config.impl.InstallationReader;
import org.streetsense.gateway.config.impl.Problems;
import org.streetsense.gateway.config.impl.YamlNode;
import org.streetsense.gateway.config.impl.YamlTreeReader;

/**
 * Loads and validates installation files. Every problem is collected and reported at once, each
 * with its file, line, column and path; nothing is started and no secret is resolved.
 *
 * <p>All methods block on I/O; call them at start-up, not on an event loop. Thread-safe
 * (stateless).
 */
public final class InstallationLoader {

  /** Classpath location of the demo installation used by {@code streetsense demo}. */
  public static final String DEMO_RESOURCE = "installations/demo.yaml";

  /**
   * Largest installation file read: 1 MiB (the largest example is under 5 KiB). Larger files are
   * refused before they are parsed; at most this many bytes and one more are ever read.
   */
  public static final int MAX_FILE_BYTES = 1024 * 1024;

  private InstallationLoader() {}

  /**
   * Loads the file at {@code file}.
   *
   * @throws ConfigException with every problem when the file is missing, unreadable or invalid
   */
  public static Installation load(Path file) throws ConfigException {
    String name = file.toString();
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      // checked before opening: opening a FIFO blocks, reading a device never ends
      throw single(name, "not a regular file (a directory, device or FIFO); an installation "
          + "file is a plain YAML file");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return load(name, in);
    } catch (NoSuchFileException e) {
      throw single(name, "no such file");
    } catch (IOException e) {
      throw single(name, "cannot read the file: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()));
    }
  }

  /**
   * Loads an installation from a stream (UTF-8), for example a classpath resource. At most
   * {@link #MAX_FILE_BYTES} and one more byte are read; the stream is not closed.
   *
   * @param name the name used in errors and {@link Installation#source()}
   * @throws ConfigException with every problem when the text is unreadable or invalid
   */
  public static Installation load(String name, InputStream in) throws ConfigException {
    byte[] bytes;
    try {
      bytes = in.readNBytes(MAX_FILE_BYTES + 1);
    } catch (IOException e) {
      throw single(name, "cannot read: " + e.getClass().getSimpleName());
    }
    if (bytes.length > MAX_FILE_BYTES) {
      throw single(name, "the file is larger than " + MAX_FILE_BYTES / 1024 + " KiB; an "
          + "installation file is far smaller, so it is not read");
    }
    try {
      return load(name, new StringReader(new String(bytes, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw single(name, "cannot read: " + e.getClass().getSimpleName());
    }
  }

  /**
   * Loads a classpath resource such as {@link #DEMO_RESOURCE}.
   *
   * @throws ConfigException when the resource is missing or invalid
   */
  public static Installation loadResource(String resource) throws ConfigException {
    String name = "classpath:" + resource;
    ClassLoader loader = InstallationLoader.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw single(name, "no such resource");
      }
      return load(name, in);
    } catch (IOException e) {
      throw single(name, "cannot read: " + e.getClass().getSimpleName());
    }
  }

  /** Checks the file without throwing: every problem, or an empty list when it is valid. */
  public static List<ConfigError> validate(Path file) {
    try {
      load(file);
      return List.of();
    } catch (ConfigException e) {
      return e.errors();
    }
  }

  /** Checks the file and returns a report for the {@code validate} command. */
  public static ValidationReport check(Path file) {
    return new ValidationReport(file.toString(), validate(file));
  }

  private static Installation load(String name, Reader reader)
      throws IOException, ConfigException {
    Problems problems = new Problems(name);
    YamlNode root = new YamlTreeReader(problems).read(reader);
    Installation installation = root == null ? null : new InstallationReader(problems).read(root);
    if (!problems.isEmpty() || installation == null) {
      List<ConfigError> errors = problems.sorted();
      if (errors.isEmpty()) {
        throw single(name, "the file could not be read as an installation");
      }
      throw new ConfigException(errors);
    }
    return installation;
  }

  private static ConfigException single(String name, String message) {
    return new ConfigException(List.of(new ConfigError(name, 1, 1, "", message)));
  }
}
