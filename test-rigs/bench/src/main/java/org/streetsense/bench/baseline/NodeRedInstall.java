package org.streetsense.bench.baseline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Node-RED 4 from the npm registry, installed once into a cache directory
 * ({@code ~/.cache/streetsense-bench/node-red}, or {@code $STREETSENSE_BENCH_CACHE/node-red}) by
 * {@code npm install --no-audit --no-fund node-red@4}. Later runs reuse it.
 */
public final class NodeRedInstall {

  private NodeRedInstall() {}

  /** The installation directory. */
  public static Path directory() {
    String cache = System.getenv("STREETSENSE_BENCH_CACHE");
    Path base = cache != null && !cache.isBlank() ? Path.of(cache)
        : Path.of(System.getProperty("user.home"), ".cache", "streetsense-bench");
    return base.resolve("node-red");
  }

  /** {@code red.js}, the Node-RED entry point, once installed. */
  public static Path redJs() {
    return directory().resolve("node_modules/node-red/red.js");
  }

  /**
   * Installs Node-RED unless already there. Throws with the reason (no node or npm, registry not
   * reachable, install failed or took over 5 minutes); the log is {@code install.log} in the
   * directory.
   */
  public static Path ensure() throws IOException, InterruptedException {
    if (Files.isRegularFile(redJs())) {
      return redJs();
    }
    Path dir = directory();
    Files.createDirectories(dir);
    Path log = dir.resolve("install.log");
    Process p;
    try {
      p = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "node-red@4")
          .directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
    } catch (IOException e) {
      throw new IOException("npm is not installed or not on PATH: " + e.getMessage(), e);
    }
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new IOException("npm install node-red@4 took over 5 minutes; see " + log);
    }
    if (p.exitValue() != 0 || !Files.isRegularFile(redJs())) {
      throw new IOException("npm install node-red@4 failed (exit " + p.exitValue() + "); see "
          + log);
    }
    return redJs();
  }
}
