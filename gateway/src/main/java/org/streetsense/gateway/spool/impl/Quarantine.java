package org.streetsense.gateway.spool.impl;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps damaged bytes aside in {@code quarantine/} for a post-mortem instead of deleting them:
 * a torn tail is copied out before the segment is truncated, a corrupt segment is moved whole.
 */
final class Quarantine {

  private static final Logger LOG = LoggerFactory.getLogger(Quarantine.class);
  private final Path dir;
  private long count;

  Quarantine(Path dir) {
    this.dir = dir;
  }

  /** Copies {@code [from, end)} of the file to quarantine, then truncates the file to {@code from}. */
  Path quarantineTail(SegmentInfoName name, Path file, long from) throws IOException {
    Files.createDirectories(dir);
    Path target = unique(name.lane() + "-" + file.getFileName() + ".tail-at-" + from);
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ,
        StandardOpenOption.WRITE)) {
      try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE)) {
        long size = in.size();
        for (long pos = from; pos < size; ) {
          pos += in.transferTo(pos, size - pos, out);
        }
        out.force(true);
      }
      in.truncate(from);
      in.force(true);
    }
    count++;
    LOG.warn("Spool: torn tail of {} at byte {} kept in {} and cut off", file, from, target);
    return target;
  }

  /** Moves a whole corrupt segment to quarantine. */
  Path quarantineSegment(SegmentInfoName name, Path file, String why) throws IOException {
    Files.createDirectories(dir);
    Path target = unique(name.lane() + "-" + file.getFileName() + ".corrupt");
    Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    AtomicFiles.forceDirectory(file.getParent());
    count++;
    LOG.error("Spool: CORRUPT segment {} ({}) moved to {}; its unsent records are reported as "
        + "'corrupt' gaps and the spool carries on", file, why, target);
    return target;
  }

  long count() {
    return count;
  }

  private Path unique(String base) {
    Path p = dir.resolve(base);
    for (int i = 1; Files.exists(p); i++) {
      p = dir.resolve(base + "." + i);
    }
    return p;
  }

  /** Lane directory name, for quarantine file names. */
  record SegmentInfoName(String lane) {}
}
