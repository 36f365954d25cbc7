package org.streetsense.gateway.osc;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of the OSC input: datagrams received, decoded and dropped by reason, messages handed
 * on, receive-thread restarts. Every datagram received is either decoded or dropped with exactly
 * one reason. Thread-safe; read from any thread (metrics scrapes).
 */
public final class OscInStats {

  private final LongAdder received = new LongAdder();
  private final LongAdder decoded = new LongAdder();
  private final LongAdder messages = new LongAdder();
  private final LongAdder restarts = new LongAdder();
  private final Map<OscDropReason, LongAdder> dropped = new EnumMap<>(OscDropReason.class);

  public OscInStats() {
    for (OscDropReason r : OscDropReason.values()) {
      dropped.put(r, new LongAdder());
    }
  }

  /** Counts one datagram and what became of it. */
  public void count(OscDecoder.Result result) {
    received.increment();
    if (result instanceof OscDecoder.Decoded d) {
      decoded.increment();
      messages.add(d.messages().size());
    } else {
      dropped.get(((OscDecoder.Dropped) result).reason()).increment();
    }
  }

  /** Moves a datagram counted as decoded to dropped (handling it failed after decoding). */
  void failedAfterDecoding(OscDropReason reason) {
    decoded.decrement();
    dropped.get(reason).increment();
  }

  void restarted() {
    restarts.increment();
  }

  /** Datagrams received (decoded plus dropped). */
  public long receivedCount() {
    return received.sum();
  }

  /** Datagrams decoded whole. */
  public long decodedCount() {
    return decoded.sum();
  }

  /** Messages taken from decoded datagrams (bundles count each message). */
  public long messageCount() {
    return messages.sum();
  }

  public long droppedCount(OscDropReason reason) {
    return dropped.get(reason).sum();
  }

  public long droppedTotal() {
    return dropped.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Restarts of the receive thread after it ended. */
  public long restartCount() {
    return restarts.sum();
  }
}
