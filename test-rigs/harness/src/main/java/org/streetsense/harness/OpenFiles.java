package org.streetsense.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files this JVM holds open, as the kernel sees them ({@code /proc/self/fd}): what a test
 * checks after stopping a component that wrote under a directory, before it unmounts or deletes
 * that directory. A file deleted while open is listed with the kernel's {@code " (deleted)"}
 * suffix. Linux only.
 */
public final class OpenFiles {

  private static final Path FDS = Path.of("/proc/self/fd");

  private OpenFiles() {}

  /**
   * The targets of this process's open file descriptors that lie under {@code dir} (the directory
   * itself included), sorted; empty when none. Descriptors closed while the list is read are
   * skipped. Throws {@link UncheckedIOException} when {@code /proc/self/fd} cannot be listed.
   */
  public static List<String> under(Path dir) {
    String root = real(dir).toString();
    List<String> open = new ArrayList<>();
    try (Stream<Path> fds = Files.list(FDS)) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        String target;
        try {
          target = Files.readSymbolicLink(fd).toString();
        } catch (NoSuchFileException closedMeanwhile) {
          continue;
        }
        if (target.equals(root) || target.startsWith(root + "/")) {
          open.add(target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + FDS, e);
    }
    open.sort(null);
    return open;
  }

  /** The kernel names files by their real paths: resolve symbolic links where the path exists. */
  private static Path real(Path dir) {
    try {
      return dir.toRealPath();
    } catch (IOException missing) {
      return dir.toAbsolutePath().normalize();
    }
  }
}
