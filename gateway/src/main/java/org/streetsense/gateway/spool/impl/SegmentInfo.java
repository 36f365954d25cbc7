package org.streetsense.gateway.spool.impl;

import java.nio.file.Path;
import org.streetsense.gateway.spool.Lane;

/** What the spool knows about one segment file. Mutable while active; worker thread only. */
final class SegmentInfo {

  final Lane lane;
  final Path file;
  final long base;
  final long createdMillis;
  final String bootId;
  long end;
  long bytes;
  long lastAppendMillis;

  SegmentInfo(Lane lane, Path file, long base, long createdMillis, String bootId) {
    this.lane = lane;
    this.file = file;
    this.base = base;
    this.createdMillis = createdMillis;
    this.bootId = bootId;
    this.end = base;
    this.lastAppendMillis = createdMillis;
  }

  static String fileName(long base) {
    return String.format("%020d.seg", base);
  }

  static long baseOf(Path file) {
    return Long.parseLong(file.getFileName().toString().replace(".seg", ""));
  }

  @Override
  public String toString() {
    return lane.dirName() + "/" + file.getFileName() + " [" + base + ", " + end + ")";
  }
}
