package org.streetsense.gateway.spool.impl;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.streetsense.gateway.spool.SpooledRecord;

/**
 * The interaction events most recently made readable (at most {@link #CAPACITY}), readable from
 * any thread, so a forwarder's read of the interactive lane is answered at once instead of
 * queuing on the spool worker behind telemetry appends, reads and the next event's force
 * (decision 0372). Under {@code group} the events are made readable when written, while their
 * force runs (decision 0383); otherwise when committed. It answers only records made readable,
 * from the sink's cursor on, contiguous; anything else (a read below the tail, nothing new, a sink
 * it has no cursor for) returns {@code null} and the caller reads committed records on the
 * worker.
 *
 * <p>Threading: {@link #written}, {@link #readableUpTo}, {@link #clear}, {@link #cursor} and
 * {@link #removeSink} run on the spool worker; {@link #read} on any thread. Readers see an
 * immutable snapshot through a volatile field, and the cursors through a concurrent map.
 */
final class InteractiveTail {

  /** Most readable records kept (interactions come at human rates; a backlog reads on the worker). */
  static final int CAPACITY = 64;

  /** Readable records {@code [first, first + records.length)}, contiguous. */
  private record Snapshot(long first, SpooledRecord[] records) {
    static final Snapshot EMPTY = new Snapshot(0, new SpooledRecord[0]);

    long end() {
      return first + records.length;
    }
  }

  /** Written, not yet readable (worker only); contiguous offsets. */
  private final ArrayDeque<SpooledRecord> pending = new ArrayDeque<>();
  private final Map<String, Long> cursors = new ConcurrentHashMap<>();
  private volatile Snapshot snapshot = Snapshot.EMPTY;

  /** A record was written at {@code record.offset()} (worker). */
  void written(SpooledRecord record) {
    SpooledRecord last = pending.peekLast();
    if (last != null && record.offset() != last.offset() + 1) {
      pending.clear();
    }
    pending.addLast(record);
    while (pending.size() > CAPACITY) {
      pending.removeFirst();
    }
  }

  /**
   * The lane is readable up to {@code end} (exclusive): publishes what was written before it; an
   * {@code end} at or below what is already published changes nothing.
   */
  void readableUpTo(long end) {
    if (pending.isEmpty() || pending.peekFirst().offset() >= end) {
      return;
    }
    Snapshot s = snapshot;
    SpooledRecord[] kept = s.records.length > 0 && pending.peekFirst().offset() == s.end()
        ? s.records : new SpooledRecord[0];
    long first = kept.length > 0 ? s.first : pending.peekFirst().offset();
    int add = 0;
    for (SpooledRecord r : pending) {
      if (r.offset() >= end) {
        break;
      }
      add++;
    }
    SpooledRecord[] all = Arrays.copyOf(kept, kept.length + add);
    for (int i = 0; i < add; i++) {
      all[kept.length + i] = pending.removeFirst();
    }
    if (all.length > CAPACITY) {
      first += all.length - CAPACITY;
      all = Arrays.copyOfRange(all, all.length - CAPACITY, all.length);
    }
    snapshot = new Snapshot(first, all);
  }

  /** Records of the lane were dropped or quarantined: forgets everything (worker). */
  void clear() {
    pending.clear();
    snapshot = Snapshot.EMPTY;
  }

  /** The sink's cursor on the lane is now {@code cursor} (worker). */
  void cursor(String sink, long cursor) {
    cursors.put(sink, cursor);
  }

  void removeSink(String sink) {
    cursors.remove(sink);
  }

  /**
   * Up to {@code max} readable records from the sink's first unacknowledged one at or after
   * {@code fromOffset}, as {@code RecordReaders} would read them; {@code null} when the tail
   * cannot tell (any thread).
   */
  List<SpooledRecord> read(String sink, long fromOffset, int max) {
    Long cursor = cursors.get(sink);
    if (cursor == null) {
      return null;
    }
    Snapshot s = snapshot;
    long from = Math.max(fromOffset, cursor);
    if (from < s.first || from >= s.end()) {
      return null;
    }
    int start = (int) (from - s.first);
    int end = (int) Math.min(s.records.length, start + (long) max);
    return List.of(Arrays.copyOfRange(s.records, start, end));
  }
}
