package org.streetsense.gateway.spool.impl;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Frame layout on disk: {@code int length | int CRC32C(payload) | payload}, big-endian. A frame
 * whose length is out of range, that is cut short, or whose CRC does not match marks the end of
 * the valid part of a segment.
 */
final class Frames {

  static final int HEADER_BYTES = 8;
  static final int MAX_PAYLOAD = 64 * 1024;

  private Frames() {}

  static ByteBuffer frame(ByteBuffer payload) {
    ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + payload.remaining());
    CRC32C crc = new CRC32C();
    crc.update(payload.duplicate());
    out.putInt(payload.remaining());
    out.putInt((int) crc.getValue());
    out.put(payload);
    return out.flip();
  }

  /**
   * Completes a frame written in place in a heap buffer: {@code start} is where its 8 header
   * bytes were reserved, the payload runs from {@code start + 8} to the buffer's position.
   */
  static void seal(ByteBuffer b, int start, CRC32C crc) {
    int payload = b.position() - start - HEADER_BYTES;
    crc.reset();
    crc.update(b.array(), b.arrayOffset() + start + HEADER_BYTES, payload);
    b.putInt(start, payload);
    b.putInt(start + 4, (int) crc.getValue());
  }

  static boolean crcMatches(ByteBuffer payload, int expected) {
    CRC32C crc = new CRC32C();
    crc.update(payload.duplicate());
    return (int) crc.getValue() == expected;
  }
}
