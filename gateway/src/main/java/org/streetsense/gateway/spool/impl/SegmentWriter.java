package org.streetsense.gateway.spool.impl;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.streetsense.gateway.pipeline.Observation;

/**
 * Appends frames to the active segment of a lane. Observations are first staged (encoded, with
 * any new dictionary entries, into one buffer) and then written with {@link #writeStaged()}: one
 * positional write for everything staged, so a process crash leaves whole frames in the page
 * cache or a torn tail that recovery cuts off. A failed write is truncated back and the staged
 * frames (and their dictionary entries) are discarded, so the file never holds a partial frame
 * the writer knows of. Spool worker thread only.
 */
final class SegmentWriter implements Closeable {

  private static final int INITIAL_STAGING = 64 * 1024;
  private final Path file;
  private final FileChannel channel;
  private final Map<String, Integer> dictionary = new HashMap<>();
  private final List<String> stagedStrings = new ArrayList<>();
  private final Map<String, Integer> stagedIds = new HashMap<>();
  private final CRC32C crc = new CRC32C();
  private ByteBuffer staging = ByteBuffer.allocate(INITIAL_STAGING);
  private long size;

  private SegmentWriter(Path file, FileChannel channel, long size) {
    this.file = file;
    this.channel = channel;
    this.size = size;
  }

  /** Creates a new segment file and writes its header frame (not forced). */
  static SegmentWriter create(Path file, long baseOffset, long createdMillis, String bootId)
      throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE);
    SegmentWriter w = new SegmentWriter(file, ch, 0);
    try {
      w.write(Frames.frame(RecordCodec.header(baseOffset, createdMillis, bootId)));
    } catch (IOException e) {
      w.close();
      Files.deleteIfExists(file);
      throw e;
    }
    return w;
  }

  /** Appends one observation (and any new dictionary entries) at once; returns bytes written. */
  long append(Observation o) throws IOException {
    stage(o);
    return writeStaged();
  }

  /** Encodes an observation (and any new dictionary entries) into the staging buffer. */
  void stage(Observation o) {
    String fourth = RecordCodec.fourthString(o);
    ensureRoom(4 * Frames.HEADER_BYTES + RecordCodec.MAX_OBSERVATION
        + RecordCodec.maxDictBytes(o.installation()) + RecordCodec.maxDictBytes(o.device())
        + RecordCodec.maxDictBytes(o.channel()) + RecordCodec.maxDictBytes(fourth)
        + 4 * Frames.HEADER_BYTES);
    int installation = id(o.installation());
    int device = id(o.device());
    int channel = id(o.channel());
    int type = id(fourth);
    int start = reserveHeader();
    RecordCodec.putObservation(staging, o, installation, device, channel, type);
    Frames.seal(staging, start, crc);
  }

  /** Bytes staged and not yet written. */
  int stagedBytes() {
    return staging.position();
  }

  /**
   * Writes everything staged in one positional write; returns the bytes written. On failure the
   * file is truncated back, the staged frames are discarded and the exception is rethrown.
   */
  long writeStaged() throws IOException {
    if (staging.position() == 0) {
      return 0;
    }
    staging.flip();
    try {
      write(staging);
    } catch (IOException e) {
      discardStaged();
      throw e;
    }
    long n = staging.limit();
    int next = dictionary.size();
    for (String s : stagedStrings) {
      dictionary.put(s, next++);
    }
    discardStaged();
    return n;
  }

  /** Forgets everything staged (nothing of it was written). */
  void discardStaged() {
    staging.clear();
    stagedStrings.clear();
    stagedIds.clear();
  }

  private int id(String s) {
    Integer id = dictionary.get(s);
    if (id == null) {
      id = stagedIds.get(s);
    }
    if (id == null) {
      id = dictionary.size() + stagedStrings.size();
      stagedStrings.add(s);
      stagedIds.put(s, id);
      int start = reserveHeader();
      RecordCodec.putDict(staging, id, s);
      Frames.seal(staging, start, crc);
    }
    return id;
  }

  private int reserveHeader() {
    int start = staging.position();
    staging.position(start + Frames.HEADER_BYTES);
    return start;
  }

  private void ensureRoom(int bytes) {
    if (staging.remaining() < bytes) {
      ByteBuffer bigger = ByteBuffer.allocate(Math.max(staging.capacity() * 2,
          staging.position() + bytes));
      bigger.put(staging.flip());
      staging = bigger;
    }
  }

  private void write(ByteBuffer buf) throws IOException {
    long before = size;
    int n = buf.remaining();
    try {
      while (buf.hasRemaining()) {
        channel.write(buf, size + (n - buf.remaining()));
      }
    } catch (IOException e) {
      try {
        channel.truncate(before);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    size = before + n;
  }

  void force() throws IOException {
    channel.force(false);
  }

  long size() {
    return size;
  }

  Path file() {
    return file;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
