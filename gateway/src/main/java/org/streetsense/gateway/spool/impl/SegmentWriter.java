package org.streetsense.gateway.spool.impl;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.streetsense.gateway.pipeline.Observation;

/**
 * Appends frames to the active segment of a lane. Each append is one {@code write} call, so a
 * process crash leaves whole frames in the page cache; a failed write is truncated back, so the
 * file never holds a partial frame the writer knows of. Spool worker thread only.
 */
final class SegmentWriter implements Closeable {

  private final Path file;
  private final FileChannel channel;
  private final Map<String, Integer> dictionary = new HashMap<>();
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
      java.nio.file.Files.deleteIfExists(file);
      throw e;
    }
    return w;
  }

  /** Appends one observation (and any new dictionary entries); returns the bytes written. */
  long append(Observation o) throws IOException {
    List<ByteBuffer> frames = new ArrayList<>(5);
    List<String> added = new ArrayList<>(4);
    for (String s : RecordCodec.strings(o)) {
      if (!dictionary.containsKey(s) && !added.contains(s)) {
        int id = dictionary.size() + added.size();
        added.add(s);
        frames.add(Frames.frame(RecordCodec.dict(id, s)));
      }
    }
    Map<String, Integer> ids = dictionary;
    if (!added.isEmpty()) {
      ids = new HashMap<>(dictionary);
      for (int i = 0; i < added.size(); i++) {
        ids.put(added.get(i), dictionary.size() + i);
      }
    }
    frames.add(Frames.frame(RecordCodec.observation(o, ids)));
    int total = frames.stream().mapToInt(ByteBuffer::remaining).sum();
    ByteBuffer all = ByteBuffer.allocate(total);
    frames.forEach(all::put);
    long written = write(all.flip());
    if (!added.isEmpty()) {
      dictionary.putAll(ids);
    }
    return written;
  }

  private long write(ByteBuffer buf) throws IOException {
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
    return n;
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
