package org.streetsense.gateway.osc;

import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Logs dropped OSC datagrams at most once per interval: one line with the counts by reason since
 * the last line and the last drop's detail, so a flood of garbage writes one line per interval
 * however fast it comes. The first drop after a quiet interval is logged at once.
 *
 * <p>Thread-safe (synchronised; called from the receive thread and the periodic flush).
 */
final class DropLog {

  private final Consumer<String> log;
  private final long intervalNanos;
  private final LongSupplier nanos;
  private final Map<OscDropReason, Long> counts = new EnumMap<>(OscDropReason.class);
  private long total;
  private long lastLogNanos;
  private boolean loggedOnce;
  private String last = "";

  /** @param log takes each line (a logger's warn) */
  DropLog(Consumer<String> log, long intervalNanos, LongSupplier nanos) {
    this.log = log;
    this.intervalNanos = intervalNanos;
    this.nanos = nanos;
  }

  synchronized void dropped(OscDropReason reason, String detail, Object from) {
    counts.merge(reason, 1L, Long::sum);
    total++;
    last = reason.wireName() + " from " + from + ": " + detail;
    if (!loggedOnce || nanos.getAsLong() - lastLogNanos >= intervalNanos) {
      flush();
    }
  }

  /** Logs what was dropped since the last line, if anything, and starts a new interval. */
  synchronized void flush() {
    if (total == 0) {
      return;
    }
    StringJoiner byReason = new StringJoiner(", ");
    counts.forEach((r, n) -> byReason.add(r.wireName() + "=" + n));
    log.accept("OSC input dropped " + total + " datagram(s) since the last report (" + byReason
        + "); last: " + last);
    counts.clear();
    total = 0;
    loggedOnce = true;
    lastLogNanos = nanos.getAsLong();
  }
}
