package org.streetsense.system.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every path of a root file system with its type, mode, owner, size and modification time, and
 * the SHA-256 of regular files where the installer writes ({@link #HASHED}): two equal snapshots
 * mean nothing was touched in between. (Elsewhere size and time tell a rewrite; hashing the
 * whole JRE twice per test would cost more than it could catch.)
 */
final class TreeSnapshot {

  private static final Set<String> SKIPPED = Set.of("proc", "sys", "dev", "run", "tmp");
  static final Set<String> HASHED = Set.of("etc", "opt", "boot", "var");

  private TreeSnapshot() {}

  static Map<String, String> of(Path root) {
    Map<String, String> entries = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      paths.filter(p -> !skipped(root, p)).forEach(p -> entries.put(
          "/" + root.relativize(p), describe(p, hashed(root, p))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return entries;
  }

  private static boolean skipped(Path root, Path p) {
    Path relative = root.relativize(p);
    return !relative.toString().isEmpty()
        && SKIPPED.contains(relative.getName(0).toString());
  }

  private static boolean hashed(Path root, Path p) {
    Path relative = root.relativize(p);
    return relative.getNameCount() > 1 && HASHED.contains(relative.getName(0).toString())
        && !relative.startsWith("var/cache") && !relative.startsWith("var/lib/apt");
  }

  private static String describe(Path p, boolean hash) {
    try {
      Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,size,lastModifiedTime",
          LinkOption.NOFOLLOW_LINKS);
      String type = Files.isSymbolicLink(p) ? "link:" + Files.readSymbolicLink(p)
          : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir"
          : Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? "file:" + (hash ? sha256(p) : "")
          : "other";
      return type + " mode=" + Integer.toOctalString((Integer) a.get("mode")) + " owner="
          + a.get("uid") + ":" + a.get("gid") + " size=" + a.get("size") + " mtime="
          + a.get("lastModifiedTime");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
