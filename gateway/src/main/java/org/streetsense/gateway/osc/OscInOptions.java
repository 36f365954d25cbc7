package org.streetsense.gateway.osc;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits and timing of the OSC input ({@link OscIn}).
 *
 * @param maxDatagramBytes largest datagram decoded; a larger one is dropped as {@code too_large}
 *     (the receive buffer is one byte larger, to tell the two apart)
 * @param maxBundleDepth bundles nested deeper than this are dropped as {@code too_deep}; a plain
 *     message is depth 0, a message in a bundle depth 1
 * @param maxMessagesPerDatagram messages (summed over nested bundles) one datagram may carry;
 *     more are dropped as {@code too_many_messages}
 * @param receiveBufferBytes socket receive buffer requested from the kernel (SO_RCVBUF): what
 *     waits while the receive thread is busy; the kernel drops datagrams beyond it
 * @param restartBackoffMin first wait before the receive thread is restarted after it ended
 * @param restartBackoffMax longest wait between restarts (the wait doubles up to it, and starts
 *     again from the minimum once a restarted thread ran for {@code restartBackoffMax})
 * @param logInterval at most one log line per interval summarises the datagrams dropped in it
 */
public record OscInOptions(int maxDatagramBytes, int maxBundleDepth, int maxMessagesPerDatagram,
    int receiveBufferBytes, Duration restartBackoffMin, Duration restartBackoffMax,
    Duration logInterval) {

  /** The largest UDP payload over IPv4. */
  static final int UDP_MAX_PAYLOAD = 65_507;

  public OscInOptions {
    if (maxDatagramBytes < 16 || maxDatagramBytes > UDP_MAX_PAYLOAD) {
      throw new IllegalArgumentException("maxDatagramBytes must be within 16.." + UDP_MAX_PAYLOAD
          + ", was " + maxDatagramBytes);
    }
    if (maxBundleDepth < 0 || maxBundleDepth > 64) {
      throw new IllegalArgumentException("maxBundleDepth must be within 0..64, was " + maxBundleDepth);
    }
    if (maxMessagesPerDatagram < 1) {
      throw new IllegalArgumentException("maxMessagesPerDatagram must be >= 1, was "
          + maxMessagesPerDatagram);
    }
    if (receiveBufferBytes < maxDatagramBytes) {
      throw new IllegalArgumentException("receiveBufferBytes must be >= maxDatagramBytes, was "
          + receiveBufferBytes);
    }
    positive(restartBackoffMin, "restartBackoffMin");
    positive(restartBackoffMax, "restartBackoffMax");
    positive(logInterval, "logInterval");
    if (restartBackoffMax.compareTo(restartBackoffMin) < 0) {
      throw new IllegalArgumentException("restartBackoffMax must be >= restartBackoffMin");
    }
  }

  /**
   * 8 KiB datagrams, bundles nested at most 8 deep, 64 messages per datagram, a 256 KiB receive
   * buffer, restarts after 100 ms doubling to 30 s, one drop summary per minute at most.
   */
  public static OscInOptions defaults() {
    return new OscInOptions(8192, 8, 64, 256 * 1024, Duration.ofMillis(100),
        Duration.ofSeconds(30), Duration.ofMinutes(1));
  }

  /** The same with other restart back-off bounds (tests). */
  public OscInOptions withRestartBackoff(Duration min, Duration max) {
    return new OscInOptions(maxDatagramBytes, maxBundleDepth, maxMessagesPerDatagram,
        receiveBufferBytes, min, max, logInterval);
  }

  /** The same with other datagram size and nesting limits (tests, the fuzz bench). */
  public OscInOptions withLimits(int maxBytes, int maxDepth) {
    return new OscInOptions(maxBytes, maxDepth, maxMessagesPerDatagram,
        Math.max(receiveBufferBytes, maxBytes), restartBackoffMin, restartBackoffMax, logInterval);
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
  }
}
