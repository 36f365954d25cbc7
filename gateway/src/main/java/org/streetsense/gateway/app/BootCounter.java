package org.streetsense.gateway.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Counts gateway starts, persisted in the data directory. Published in the birth and in the Last
 * Will so a backend can match a death to its birth (the Sparkplug {@code bdSeq} idea).
 *
 * <p>The file is replaced atomically (write a temporary file, fsync, rename), so a power cut
 * leaves either the old or the new count. An unreadable file restarts the count from the highest
 * plausible value rather than failing start-up.
 */
public final class BootCounter {

  static final String FILE_NAME = "boot-counter";

  private BootCounter() {}

  /**
   * Reads the previous count, stores and returns the next one. Blocking file I/O: call it before
   * Vert.x starts or from a worker.
   *
   * @param dataDir the gateway's data directory; created if missing
   * @return the count for this start, from 1
   */
  public static long increment(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    Path file = dataDir.resolve(FILE_NAME);
    long previous = 0;
    if (Files.exists(file)) {
      String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
      try {
        previous = Long.parseLong(text);
      } catch (NumberFormatException e) {
        previous = 0;
      }
    }
    long next = previous + 1;
    Path tmp = dataDir.resolve(FILE_NAME + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap((next + "\n").getBytes(StandardCharsets.US_ASCII)));
      ch.force(true);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return next;
  }
}
