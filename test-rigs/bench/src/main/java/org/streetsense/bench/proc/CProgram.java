package org.streetsense.bench.proc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

/**
 * The bench's small C programs against libmosquitto ({@code src/main/resources/c/NAME.c}, shipped
 * in the bench jar): compiled with {@code gcc -O2 ... -lmosquitto} into the work directory on
 * first use. Needs gcc and libmosquitto-dev ({@code deploy/dev/install-test-deps.sh}).
 */
public final class CProgram {

  private CProgram() {}

  /**
   * Returns the executable of {@code name}, compiling it into {@code work} once per version of
   * its source: the executable's name carries the source's CRC, so a work directory kept from an
   * older bench never runs an older program. Blocks for the compilation (at most 60 s).
   *
   * @throws IOException naming what is missing (libmosquitto-dev) or gcc's own message
   */
  public static Path build(Path work, String name) throws IOException, InterruptedException {
    String resource = "/c/" + name + ".c";
    byte[] source;
    try (InputStream in = CProgram.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("bench jar lacks " + resource);
      }
      source = in.readAllBytes();
    }
    CRC32 crc = new CRC32();
    crc.update(source);
    Path exe = work.resolve(String.format(Locale.ROOT, "%s-%08x", name, crc.getValue()));
    if (Files.isExecutable(exe)) {
      return exe;
    }
    if (!Files.exists(Path.of("/usr/include/mosquitto.h"))) {
      throw new IOException("libmosquitto-dev is not installed (no /usr/include/mosquitto.h); "
          + "run deploy/dev/install-test-deps.sh");
    }
    Files.createDirectories(work);
    Path src = work.resolve(name + ".c");
    Files.write(src, source);
    Process gcc;
    try {
      gcc = new ProcessBuilder("gcc", "-O2", "-o", exe.toString(), src.toString(),
          "-lmosquitto").redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IOException("gcc cannot be run (" + e.getMessage() + "); run "
          + "deploy/dev/install-test-deps.sh", e);
    }
    String out = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!gcc.waitFor(60, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
      throw new IOException("compiling " + resource + " failed: " + out.strip());
    }
    return exe;
  }
}
