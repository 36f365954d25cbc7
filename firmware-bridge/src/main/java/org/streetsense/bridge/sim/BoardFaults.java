package org.streetsense.bridge.sim;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fault injection on what a {@link SimulatedBoard} sends: dropped and corrupted frames (or
 * Firmata messages), and raw garbage. Resets and disconnects are on the board and the link.
 * Thread-safe.
 */
public final class BoardFaults {

  private final AtomicInteger dropNext = new AtomicInteger();
  private final AtomicInteger corruptNext = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong corrupted = new AtomicLong();

  /** The next {@code n} outgoing frames are lost on the wire. */
  public void dropNextFrames(int n) {
    dropNext.addAndGet(n);
  }

  /**
   * The next {@code n} outgoing frames get a damaged byte: a flipped byte for Streetsense frames
   * (the CRC catches it), an unknown command byte for Firmata (the parser drops the message).
   */
  public void corruptNextFrames(int n) {
    corruptNext.addAndGet(n);
  }

  public long dropped() {
    return dropped.get();
  }

  public long corrupted() {
    return corrupted.get();
  }

  /** Returns the bytes to send for {@code frame}, or null to send nothing. */
  byte[] apply(byte[] frame, BoardProtocol protocol) {
    if (takeOne(dropNext)) {
      dropped.incrementAndGet();
      return null;
    }
    if (frame.length > 2 && takeOne(corruptNext)) {
      corrupted.incrementAndGet();
      byte[] copy = frame.clone();
      int i = frame.length / 2;
      if (protocol == BoardProtocol.FIRMATA) {
        copy[i] = (byte) 0xF1;
      } else {
        copy[i] ^= copy[i] == 0x55 ? (byte) 0xAA : 0x55;
      }
      return copy;
    }
    return frame;
  }

  private static boolean takeOne(AtomicInteger counter) {
    return counter.getAndUpdate(v -> v > 0 ? v - 1 : 0) > 0;
  }
}
