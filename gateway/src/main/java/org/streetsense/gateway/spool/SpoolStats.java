package org.streetsense.gateway.spool;

import java.util.Map;

/**
 * A snapshot of the spool's counters, for metrics and the dashboard.
 *
 * @param state health
 * @param bytes bytes on disk in live segments (all lanes)
 * @param segments live segment files
 * @param appended records appended since open
 * @param pendingPerSink records each registered sink has not acknowledged yet (all lanes)
 * @param oldestUnsentAgeMillisPerSink per sink, over all lanes, age in ms of its oldest
 *     unacknowledged observation: now minus the observation's time, at most the age of the
 *     segment that holds it (the bound for a record stamped before the clock was set, or one not
 *     yet committed); 0 when nothing is pending
 * @param dropsByReason observations lost since open, by gap reason ({@code spool_full},
 *     {@code expired}, {@code corrupt}), summed over sinks that had not received them
 * @param rejected appends refused since open (reject-new policy or disk full)
 * @param quarantinedSegments segments or torn tails moved to {@code quarantine/} since open
 * @param pendingGapsPerSink gap reports waiting for each sink
 */
public record SpoolStats(
    SpoolState state,
    long bytes,
    int segments,
    long appended,
    Map<String, Long> pendingPerSink,
    Map<String, Long> oldestUnsentAgeMillisPerSink,
    Map<String, Long> dropsByReason,
    long rejected,
    long quarantinedSegments,
    Map<String, Integer> pendingGapsPerSink) {

  public SpoolStats {
    pendingPerSink = Map.copyOf(pendingPerSink);
    oldestUnsentAgeMillisPerSink = Map.copyOf(oldestUnsentAgeMillisPerSink);
    dropsByReason = Map.copyOf(dropsByReason);
    pendingGapsPerSink = Map.copyOf(pendingGapsPerSink);
  }
}
