package org.streetsense.system.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * Lays out the installer as a technician receives it: {@code deploy/} with the gateway jar
 * next to {@code install.sh}, {@code docs/deploy.md}, and an {@code installation.yaml}.
 */
final class InstallerCopy {

  static final String CONFIG = "installation: gw-test\n";

  private InstallerCopy() {}

  static void into(Path dir) throws IOException {
    Path repo = RepoFiles.root();
    copyTree(repo.resolve("deploy"), dir.resolve("deploy"));
    Path jar = repo.resolve("gateway/target/streetsense.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build the gateway first "
          + "(./mvnw -pl test-rigs/system -am verify packages it)");
    }
    Files.copy(jar, dir.resolve("deploy/streetsense.jar"), StandardCopyOption.REPLACE_EXISTING);
    Files.createDirectories(dir.resolve("docs"));
    Files.copy(repo.resolve("docs/deploy.md"), dir.resolve("docs/deploy.md"),
        StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(dir.resolve("installation.yaml"), CONFIG);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
