package org.streetsense.gateway.spool.impl;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.streetsense.gateway.pipeline.Observation;

/**
 * Reads a segment front to back: validates each frame (length, CRC32C), rebuilds the
 * dictionary, and yields observations with their lane offsets. Stops with {@link
 * CorruptFrameException} at the first bad frame; {@link #validLength()} is then the length of the
 * good prefix.
 */
final class SegmentScanner implements Closeable {

  private final Path file;
  private final FileChannel channel;
  private long fileSize;
  private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
  private final List<String> dictionary = new ArrayList<>();
  private long bufferFilePos;
  private long position;
  private long baseOffset;
  private long createdMillis;
  private String bootId;
  private long nextOffset;

  SegmentScanner(Path file) throws IOException {
    this.file = file;
    this.channel = FileChannel.open(file, StandardOpenOption.READ);
    this.fileSize = channel.size();
    buffer.limit(0);
  }

  /** Reads the header frame; throws {@link CorruptFrameException} when it is bad. */
  SegmentScanner readHeader() throws IOException {
    ByteBuffer payload = nextPayload();
    if (payload == null || payload.get() != RecordCodec.HEADER) {
      throw new CorruptFrameException(file, 0, "missing segment header");
    }
    try {
      baseOffset = RecordCodec.getVarLong(payload);
      createdMillis = RecordCodec.getVarLong(payload);
      bootId = RecordCodec.getString(payload);
    } catch (RuntimeException e) {
      throw new CorruptFrameException(file, 0, "bad segment header: " + e.getMessage());
    }
    nextOffset = baseOffset;
    return this;
  }

  /** The next observation, or null at a clean end of file. */
  Observation next() throws IOException {
    while (true) {
      long frameStart = position;
      ByteBuffer payload = nextPayload();
      if (payload == null) {
        return null;
      }
      try {
        byte type = payload.get();
        if (type == RecordCodec.DICT) {
          int id = RecordCodec.getVarInt(payload);
          String value = RecordCodec.getString(payload);
          if (id != dictionary.size()) {
            throw new IllegalArgumentException("dictionary id " + id + " out of order");
          }
          dictionary.add(value);
        } else if (type == RecordCodec.READING || type == RecordCodec.EVENT) {
          Observation o = RecordCodec.decodeObservation(type, payload, dictionary);
          nextOffset++;
          return o;
        } else {
          throw new IllegalArgumentException("unknown frame type " + type);
        }
      } catch (RuntimeException e) {
        position = frameStart;
        throw new CorruptFrameException(file, frameStart, "undecodable frame: " + e);
      }
    }
  }

  private ByteBuffer nextPayload() throws IOException {
    if (position >= fileSize) {
      fileSize = channel.size();
      if (position >= fileSize) {
        return null;
      }
    }
    long frameStart = position;
    if (!ensure(Frames.HEADER_BYTES)) {
      throw new CorruptFrameException(file, frameStart, "frame header cut short");
    }
    int len = buffer.getInt();
    int crc = buffer.getInt();
    if (len <= 0 || len > Frames.MAX_PAYLOAD) {
      position = frameStart;
      throw new CorruptFrameException(file, frameStart, "frame length " + len + " out of range");
    }
    if (!ensure(len)) {
      position = frameStart;
      throw new CorruptFrameException(file, frameStart, "frame payload cut short");
    }
    ByteBuffer payload = buffer.slice(buffer.position(), len);
    buffer.position(buffer.position() + len);
    if (!Frames.crcMatches(payload, crc)) {
      position = frameStart;
      throw new CorruptFrameException(file, frameStart, "CRC mismatch");
    }
    position = frameStart + Frames.HEADER_BYTES + len;
    return payload;
  }

  private boolean ensure(int n) throws IOException {
    if (buffer.remaining() >= n) {
      return true;
    }
    long readFrom = bufferFilePos + buffer.position();
    buffer.compact();
    bufferFilePos = readFrom;
    while (buffer.position() < n) {
      int r = channel.read(buffer, bufferFilePos + buffer.position());
      if (r < 0) {
        break;
      }
    }
    buffer.flip();
    return buffer.remaining() >= n;
  }

  /** Length of the file up to the end of the last good frame read. */
  long validLength() {
    return position;
  }

  long fileSize() {
    return fileSize;
  }

  long baseOffset() {
    return baseOffset;
  }

  long createdMillis() {
    return createdMillis;
  }

  String bootId() {
    return bootId;
  }

  /** Lane offset of the observation {@link #next()} returns next. */
  long nextOffset() {
    return nextOffset;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
