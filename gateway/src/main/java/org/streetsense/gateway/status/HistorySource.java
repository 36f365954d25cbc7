package org.streetsense.gateway.status;

import java.time.Instant;
import java.util.List;

/**
 * Stored readings of channels, for history export and aggregates.
 *
 * <p>Threading: implementations are thread-safe and may block briefly (for example to read a
 * spool on disk); the HTTP surface calls them on a worker thread, never on the event loop.
 * Channels are named by device and channel; an unknown channel yields an empty result, not an
 * error. Visibility (public or private) is not this interface's concern: callers filter.
 */
public interface HistorySource {

  /**
   * Readings with {@code from <= time < to}, oldest first, at most {@code limit} of them (the
   * oldest ones when more match).
   *
   * @throws IllegalArgumentException if {@code from} is after {@code to} or {@code limit < 1}
   */
  List<HistoryPoint> query(String device, String channel, Instant from, Instant to, int limit);

  /**
   * Count, min, max and mean of the usable readings with {@code from <= time < to}.
   *
   * @throws IllegalArgumentException if {@code from} is after {@code to}
   */
  Aggregate aggregate(String device, String channel, Instant from, Instant to);
}
