package org.streetsense.gateway.spool.impl;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small file of zeros that holds disk space in reserve. When a write fails for lack of space,
 * the reserve is released first so the spool can still write its gap reports and cursors while
 * it drops the oldest segment; it is taken again once writing works.
 */
final class SpaceReserve {

  static final int BYTES = 64 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(SpaceReserve.class);
  private final Path file;

  SpaceReserve(Path file) {
    this.file = file;
  }

  void release() {
    try {
      if (Files.deleteIfExists(file)) {
        LOG.warn("Spool: released {} KiB of reserved space at {}", BYTES / 1024, file);
      }
    } catch (IOException e) {
      LOG.warn("Spool: cannot release reserved space at {}: {}", file, e.toString());
    }
  }

  void restore() {
    if (Files.exists(file)) {
      return;
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE)) {
      ByteBuffer zeros = ByteBuffer.allocate(BYTES);
      while (zeros.hasRemaining()) {
        ch.write(zeros);
      }
      ch.force(true);
    } catch (IOException e) {
      LOG.warn("Spool: cannot reserve space at {}: {}", file, e.toString());
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a partial reserve is harmless; the next restore tries again
      }
    }
  }
}
