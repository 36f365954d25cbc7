package org.streetsense.gateway.http.impl;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * What clients can make the HTTP surfaces write into the log, bounded: at most one line per
 * {@code kind} per {@code interval}; the events left out in between are counted and the count
 * is added to the next line of that kind. Kinds are fixed strings chosen by the code (never
 * client text), so the table stays small. Client errors are logged without stack traces; only
 * {@link #internal} (a failure the gateway did not expect) carries one, and it is bounded by
 * the same rule. Thread-safe.
 */
final class ThrottledLog {

  private static final class Slot {
    long lastLoggedNanos;
    long suppressed;
    boolean logged;
  }

  /** Where lines go: a logger at WARN in production, a list in tests. */
  @FunctionalInterface
  interface Sink {
    /** Writes {@code line}, with {@code trace}'s stack trace when it is not null. */
    void write(String line, Throwable trace);
  }

  private final Sink log;
  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final Map<String, Slot> slots = new ConcurrentHashMap<>();

  ThrottledLog(Sink log, Duration interval, LongSupplier nanoTime) {
    this.log = log;
    this.intervalNanos = interval.toNanos();
    this.nanoTime = nanoTime;
  }

  /** Writes {@code kind: detail} unless a line of {@code kind} was written recently. */
  void client(String kind, String detail) {
    long more = admit(kind);
    if (more >= 0) {
      log.write(line(kind, detail, more), null);
    }
  }

  /** Like {@link #client} but with {@code failure}'s stack trace, for unexpected failures. */
  void internal(String kind, String detail, Throwable failure) {
    long more = admit(kind);
    if (more >= 0) {
      log.write(line(kind, detail, more), failure);
    }
  }

  private static String line(String kind, String detail, long more) {
    return kind + ": " + detail + (more == 0 ? "" : " (" + more + " more since the last such "
        + "line)");
  }

  /** How many events of {@code kind} were left out; -1 if this one is left out too. */
  private long admit(String kind) {
    Slot slot = slots.computeIfAbsent(kind, k -> new Slot());
    long now = nanoTime.getAsLong();
    synchronized (slot) {
      if (slot.logged && now - slot.lastLoggedNanos < intervalNanos) {
        slot.suppressed++;
        return -1;
      }
      long more = slot.suppressed;
      slot.logged = true;
      slot.lastLoggedNanos = now;
      slot.suppressed = 0;
      return more;
    }
  }
}
