package org.streetsense.gateway.spool.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.pipeline.Gap;
import org.streetsense.gateway.pipeline.Observation;

/**
 * Per-stream sequence numbers that never repeat across restarts. {@code seq.json} holds, per
 * stream, a value at least as high as any number handed out: a reservation ({@code
 * seqReservation} ahead) while running, the exact last number after a clean close (marked by the
 * key {@value #EXACT}, which no stream key can be: stream keys hold two {@code U+001F}). On open
 * the next number is one past the larger of that file and the highest number found in the log,
 * so after a crash numbers jump forward by less than the reservation, and never go back; the
 * numbers jumped over are reported by {@link #skippedSinceCrash} (decision 0275).
 */
final class SeqAllocator {

  private static final Logger LOG = LoggerFactory.getLogger(SeqAllocator.class);
  /** Key in {@code seq.json} marking its numbers as exact (written by a clean close). */
  static final String EXACT = "exact";
  /** Gap reason of numbers skipped after a crash: never assigned, nothing lost. */
  static final String UNUSED = "unused";
  private final Path file;
  private final int reservation;
  private final Map<String, Long> last = new HashMap<>();
  private final Map<String, Long> reserved = new HashMap<>();
  /** Highest number per stream found in the log during recovery. */
  private final Map<String, Long> logged = new HashMap<>();
  private final List<Undo> undo = new ArrayList<>();
  private final boolean exactOnOpen;
  private boolean reservationDue;

  private record Undo(String key, Long prev) {}

  SeqAllocator(Path file, int reservation) throws IOException {
    this.file = file;
    this.reservation = reservation;
    boolean exact = false;
    if (Files.exists(file)) {
      Map<String, Long> stored = StateJson.readNumbers(file);
      exact = stored.remove(EXACT) != null;
      last.putAll(stored);
      reserved.putAll(stored);
    }
    exactOnOpen = exact;
  }

  static String key(Observation o) {
    return o.installation() + '\u001f' + o.device() + '\u001f' + o.channel();
  }

  /** Takes a number found in the log into account during recovery. */
  void observe(Observation o) {
    last.merge(key(o), o.seq(), Math::max);
    logged.merge(key(o), o.seq(), Math::max);
  }

  /**
   * After recovery, the numbers the crashed run reserved but never handed out, as gaps with count
   * 0 and reason {@value #UNUSED} stamped {@code nowMillis}; empty after a clean close. Per
   * stream the range ends at its reservation and starts past the higher of the last number in
   * the log and the last number handed out when that reservation was written (the reservation
   * minus {@code seqReservation}), so it never reaches below a number that was used and is not
   * in the log. A number in the range that was published (its record lost from the log, for
   * example an unsynced write before a power cut) is still truthfully covered: count 0 says
   * nothing in the range was lost. Call once, after every {@link #observe}, before any {@link
   * #next}.
   */
  List<Gap> skippedSinceCrash(long nowMillis) {
    List<Gap> gaps = new ArrayList<>();
    if (exactOnOpen) {
      return gaps;
    }
    for (Map.Entry<String, Long> e : reserved.entrySet()) {
      long r = e.getValue();
      long used = Math.max(0, Math.max(logged.getOrDefault(e.getKey(), 0L), r - reservation));
      String[] stream = e.getKey().split("\u001f", -1);
      if (r > used && stream.length == 3) {
        gaps.add(new Gap(stream[0], stream[1], stream[2], used + 1, r, 0, UNUSED, nowMillis,
            nowMillis));
      }
    }
    return gaps;
  }

  /**
   * Hands out the next number of a stream. It is noted for {@link #undo()} until {@link #keep()},
   * and its reservation is persisted by the next {@link #persistReservations()}, which must run
   * before the number counts as accepted.
   */
  long next(String key) {
    Long prev = last.get(key);
    long seq = (prev == null ? 0L : prev) + 1;
    last.put(key, seq);
    undo.add(new Undo(key, prev));
    Long r = reserved.get(key);
    if (r == null || seq > r) {
      reservationDue = true;
    }
    return seq;
  }

  /** Keeps the numbers handed out since the last keep or undo. */
  void keep() {
    undo.clear();
  }

  /** Takes back the numbers handed out since the last keep (their records were not written). */
  void undo() {
    for (int i = undo.size() - 1; i >= 0; i--) {
      Undo u = undo.get(i);
      if (u.prev() == null) {
        last.remove(u.key());
      } else {
        last.put(u.key(), u.prev());
      }
    }
    undo.clear();
  }

  /**
   * Persists new reservations when a stream used up its reserved numbers. Every stream within
   * half a reservation of its limit is extended in the same write, so streams that advance
   * together share one write. A failed write (disk full) is logged and retried on the next call:
   * the records themselves carry their numbers in the log, which recovery reads.
   */
  void persistReservations() {
    if (!reservationDue) {
      return;
    }
    Map<String, Long> next = new HashMap<>(reserved);
    for (Map.Entry<String, Long> e : last.entrySet()) {
      Long r = reserved.get(e.getKey());
      if (r == null || r - e.getValue() < reservation / 2 + 1) {
        next.put(e.getKey(), e.getValue() + reservation);
      }
    }
    try {
      AtomicFiles.write(file, StateJson.numbers(next));
      reserved.clear();
      reserved.putAll(next);
      reservationDue = false;
    } catch (IOException e) {
      LOG.warn("Spool: cannot persist sequence reservation ({}); retrying later", e.toString());
    }
  }

  /** Persists the exact last numbers (clean close: no jump on the next open). */
  void persistExact() throws IOException {
    Map<String, Long> exact = new HashMap<>(last);
    exact.put(EXACT, 1L);
    AtomicFiles.write(file, StateJson.numbers(exact));
    reserved.clear();
    reserved.putAll(last);
  }
}
