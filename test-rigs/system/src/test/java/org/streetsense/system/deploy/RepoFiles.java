package org.streetsense.system.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds files of the source tree (deploy recipes, docs) from a test's working directory. */
final class RepoFiles {

  private RepoFiles() {}

  /** The repository root: the nearest ancestor holding both {@code deploy/} and {@code pom.xml}. */
  static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isDirectory(dir.resolve("deploy")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("no repository root with deploy/ above "
        + Path.of("").toAbsolutePath());
  }

  static Path deploy(String relative) {
    Path file = root().resolve("deploy").resolve(relative);
    if (!Files.exists(file)) {
      throw new IllegalStateException("missing recipe " + file);
    }
    return file;
  }
}
