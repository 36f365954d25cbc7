package org.streetsense.bridge.protocol;

import java.io.ByteArrayOutputStream;
import java.util.Optional;

/**
 * Consistent Overhead Byte Stuffing: removes every 0x00 from a packet so that 0x00 can delimit
 * frames on the wire. The encoded form is at most {@code n + n/254 + 1} bytes for {@code n} input
 * bytes and never contains 0x00. Stateless and thread-safe.
 */
public final class Cobs {

  private Cobs() {}

  /**
   * Encodes {@code data}; the result contains no 0x00 and no delimiter. A block of 254 non-zero
   * bytes that ends the input gets no trailing code byte (canonical COBS).
   */
  public static byte[] encode(byte[] data) {
    byte[] out = new byte[data.length + data.length / 254 + 1];
    int codeIndex = 0;
    int write = 1;
    int code = 1;
    for (int i = 0; i < data.length; i++) {
      byte b = data[i];
      if (b != 0) {
        out[write++] = b;
        code++;
      }
      if (b == 0 || code == 0xFF) {
        out[codeIndex] = (byte) code;
        code = 1;
        codeIndex = write;
        if (b == 0 || i < data.length - 1) {
          write++;
        }
      }
    }
    if (codeIndex < write) {
      out[codeIndex] = (byte) code;
    }
    byte[] result = new byte[write];
    System.arraycopy(out, 0, result, 0, write);
    return result;
  }

  /**
   * Decodes one frame (without its delimiter).
   *
   * @return the packet, or empty if the frame is not valid COBS (contains 0x00, or a code byte
   *     points past the end)
   */
  public static Optional<byte[]> decode(byte[] frame, int offset, int length) {
    byte[] out = new byte[length];
    int outLen = 0;
    int i = offset;
    int end = offset + length;
    while (i < end) {
      int code = frame[i++] & 0xFF;
      if (code == 0 || i + code - 1 > end) {
        return Optional.empty();
      }
      for (int k = 1; k < code; k++) {
        byte b = frame[i++];
        if (b == 0) {
          return Optional.empty();
        }
        out[outLen++] = b;
      }
      if (code < 255 && i < end) {
        out[outLen++] = 0;
      }
    }
    byte[] result = new byte[outLen];
    System.arraycopy(out, 0, result, 0, outLen);
    return Optional.of(result);
  }

  public static Optional<byte[]> decode(byte[] frame) {
    return decode(frame, 0, frame.length);
  }
}
