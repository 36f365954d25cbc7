package org.streetsense.gateway.driver.pms5003;

import org.streetsense.gateway.hardware.wire.Pms5003Frame;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Finds PMS5003 frames in the byte stream of a serial port, which arrives in arbitrary chunks and
 * may carry line noise, frames torn by a loose connector or a sensor reset, and garbled bytes.
 *
 * <p>It looks for 0x42 0x4D, checks the frame length field (28 for data; 4 for the 8-byte answer
 * some firmware sends to commands, which is skipped) and the check code; a frame that fails either
 * is dropped and the search resumes one byte after its start, so a torn frame followed by a whole
 * one costs only the torn one. The buffer never holds more than one frame (32 bytes).
 *
 * <p>Not thread-safe: the serial link's reader thread is the only caller.
 */
public final class Pms5003Decoder {

  private final Consumer<Pms5003Frame> frames;
  private final byte[] buf = new byte[Pms5003Frame.LENGTH];
  private int len;
  private long discardedBytes;
  private long badFrames;

  public Pms5003Decoder(Consumer<Pms5003Frame> frames) {
    this.frames = Objects.requireNonNull(frames, "frames");
  }

  /** Feeds bytes as they arrive. */
  public void accept(byte[] chunk) {
    for (byte b : chunk) {
      buf[len++] = b;
      scan();
    }
  }

  /** Bytes dropped while looking for a frame start. */
  public long discardedBytes() {
    return discardedBytes;
  }

  /** Frames with a start but a wrong length field or check code. */
  public long badFrames() {
    return badFrames;
  }

  private void scan() {
    while (len > 0) {
      if ((buf[0] & 0xFF) != Pms5003Frame.START_1 || len >= 2 && (buf[1] & 0xFF) != Pms5003Frame.START_2) {
        drop(1);
        discardedBytes++;
        continue;
      }
      if (len < 4) {
        return;
      }
      int field = ((buf[2] & 0xFF) << 8) | (buf[3] & 0xFF);
      int total = field + 4;
      if (field != Pms5003Frame.FRAME_LENGTH_FIELD && field != 4) {
        badFrames++;
        drop(1);
        continue;
      }
      if (len < total) {
        return;
      }
      int sum = ((buf[total - 2] & 0xFF) << 8) | (buf[total - 1] & 0xFF);
      if (Pms5003Frame.checksum(buf, total - 2) != sum) {
        badFrames++;
        drop(1);
        continue;
      }
      if (field == Pms5003Frame.FRAME_LENGTH_FIELD) {
        int[] words = new int[13];
        for (int i = 0; i < 13; i++) {
          words[i] = ((buf[4 + 2 * i] & 0xFF) << 8) | (buf[5 + 2 * i] & 0xFF);
        }
        frames.accept(new Pms5003Frame(words));
      }
      drop(total);
    }
  }

  private void drop(int n) {
    System.arraycopy(buf, n, buf, 0, len - n);
    len -= n;
  }
}
