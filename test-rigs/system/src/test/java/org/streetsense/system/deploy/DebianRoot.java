package org.streetsense.system.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A throwaway Debian bookworm root ({@code debootstrap --variant=minbase}) for install tests.
 * debootstrap takes about 1.5 minutes here, so the first run packs the root into
 * {@code ~/.cache/streetsense/bookworm-minbase-<arch>.tar} and later runs unpack that (seconds).
 * Commands run inside with {@code chroot}, in a private mount namespace ({@code unshare}) that
 * holds the root's {@code /proc}: nothing stays mounted when the command ends.
 */
final class DebianRoot {

  static final String MIRROR = "http://deb.debian.org/debian";

  private final Path dir;

  private DebianRoot(Path dir) {
    this.dir = dir;
  }

  Path dir() {
    return dir;
  }

  Path resolve(String absolute) {
    return dir.resolve(absolute.startsWith("/") ? absolute.substring(1) : absolute);
  }

  /** Unpacks a fresh root into {@code dir} (which must not exist yet). */
  static DebianRoot unpack(Path dir) {
    Path tarball = cachedTarball();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Commands.run("tar", "-C", dir.toString(), "-xpf", tarball.toString()).requireSuccess();
    return new DebianRoot(dir);
  }

  /** Runs a command inside the root as root, with {@code /proc} mounted. */
  Commands.Result chroot(Duration timeout, String... command) {
    List<String> line = new ArrayList<>(List.of("unshare", "--mount", "--fork", "sh", "-c",
        "mount -t proc proc \"$0/proc\" && exec chroot \"$0\" \"$@\"", dir.toString()));
    line.addAll(List.of(command));
    return Commands.run(line, Map.of("DEBIAN_FRONTEND", "noninteractive", "LC_ALL", "C.UTF-8",
        "PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"), timeout);
  }

  /**
   * Speeds up apt inside this throwaway root: dpkg skips fsync ({@code force-unsafe-io}, fine
   * for a root that is deleted after the test), and {@code .deb} files downloaded by an earlier
   * run are put back into {@code /var/cache/apt/archives} (see {@link #keepDownloadedPackages}).
   */
  void prepareForFastApt() throws IOException {
    Files.writeString(resolve("/etc/dpkg/dpkg.cfg.d/streetsense-test-unsafe-io"),
        "force-unsafe-io\n");
    Path cache = packageCache();
    if (Files.isDirectory(cache)) {
      Commands.run("cp", "-a", cache + "/.", resolve("/var/cache/apt/archives").toString())
          .requireSuccess();
    }
  }

  /** Keeps the {@code .deb} files apt downloaded into this root for the next test run. */
  void keepDownloadedPackages() throws IOException {
    Path cache = Files.createDirectories(packageCache());
    Commands.run("sh", "-c", "cp -a \"$0\"/*.deb \"$1\"/ 2>/dev/null || true",
        resolve("/var/cache/apt/archives").toString(), cache.toString()).requireSuccess();
  }

  private static Path packageCache() {
    String arch = Commands.run("dpkg", "--print-architecture").requireSuccess().output().strip();
    return Path.of(System.getProperty("user.home"), ".cache", "streetsense",
        "apt-archives-bookworm-" + arch);
  }

  /** Removes the unpacked root. */
  void delete() {
    Commands.run("rm", "-rf", "--one-file-system", dir.toString()).requireSuccess();
  }

  static Path cachedTarball() {
    String arch = Commands.run("dpkg", "--print-architecture").requireSuccess().output().strip();
    Path cache = Path.of(System.getProperty("user.home"), ".cache", "streetsense");
    Path tarball = cache.resolve("bookworm-minbase-" + arch + ".tar");
    try {
      Files.createDirectories(cache);
      try (FileChannel lockFile = FileChannel.open(cache.resolve(".debootstrap.lock"),
              StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = lockFile.lock()) {
        if (!Files.exists(tarball)) {
          debootstrap(cache, tarball);
        }
      }
      return tarball;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void debootstrap(Path cache, Path tarball) throws IOException {
    Path work = Files.createTempDirectory(cache, "debootstrap-");
    Path target = work.resolve("root");
    try {
      Commands.run(List.of(debootstrapExecutable(), "--variant=minbase", "bookworm",
          target.toString(), MIRROR), Map.of(), Duration.ofMinutes(15)).requireSuccess();
      Path partial = work.resolve("root.tar");
      Commands.run("tar", "-C", target.toString(), "-cpf", partial.toString(), ".")
          .requireSuccess();
      Files.move(partial, tarball, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Commands.run("rm", "-rf", "--one-file-system", work.toString());
    }
  }

  private static String debootstrapExecutable() {
    for (String candidate : List.of("/usr/sbin/debootstrap", "/usr/bin/debootstrap")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    throw new IllegalStateException("debootstrap is not installed: install the Debian package "
        + "'debootstrap' (deploy/dev/install-test-deps.sh does)");
  }
}
