package org.streetsense.gateway.spool.impl;

import java.io.IOException;
import java.nio.file.Path;

/** A segment frame failed validation; everything from {@link #position()} on is suspect. */
final class CorruptFrameException extends IOException {

  private final transient Path file;
  private final long position;

  CorruptFrameException(Path file, long position, String reason) {
    super(file + " at byte " + position + ": " + reason);
    this.file = file;
    this.position = position;
  }

  Path file() {
    return file;
  }

  long position() {
    return position;
  }
}
