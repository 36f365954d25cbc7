package org.streetsense.rigs;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where things are in the Streetsense checkout, found from the working directory upwards (Maven
 * runs tests in the module directory, IDEs often at the root), so tests never depend on it.
 */
public final class ProjectPaths {

  private ProjectPaths() {}

  /** The checkout root: the first directory upwards holding {@code mvnw} and {@code gateway/}. */
  public static Path root() {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("gateway"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no Streetsense checkout (mvnw and gateway/) above " + start);
  }

  /** The runnable gateway, {@code gateway/target/streetsense.jar}; fails naming how to build it. */
  public static Path gatewayJar() {
    Path jar = root().resolve("gateway/target/streetsense.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing; build it with ./mvnw -pl gateway -am package");
    }
    return jar;
  }

  /** An example installation file, {@code config/examples/<name>}. */
  public static Path example(String name) {
    Path file = root().resolve("config/examples").resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("no example installation " + file);
    }
    return file;
  }
}
