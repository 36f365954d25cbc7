package org.streetsense.gateway.spool.impl;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.pipeline.Observation;

/**
 * Per-stream sequence numbers that never repeat across restarts. {@code seq.json} holds, per
 * stream, a value at least as high as any number handed out: a reservation ({@code
 * seqReservation} ahead) while running, the exact last number after a clean close. On open the
 * next number is one past the larger of that file and the highest number found in the log, so
 * after a crash numbers jump forward by less than the reservation, and never go back.
 */
final class SeqAllocator {

  private static final Logger LOG = LoggerFactory.getLogger(SeqAllocator.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;
  private final int reservation;
  private final Map<String, Long> last = new HashMap<>();
  private final Map<String, Long> reserved = new HashMap<>();
  private final List<Undo> undo = new ArrayList<>();
  private boolean reservationDue;

  private record Undo(String key, Long prev) {}

  SeqAllocator(Path file, int reservation) throws IOException {
    this.file = file;
    this.reservation = reservation;
    if (Files.exists(file)) {
      Map<String, Long> stored = JSON.readValue(file.toFile(), new TypeReference<>() {});
      last.putAll(stored);
      reserved.putAll(stored);
    }
  }

  static String key(Observation o) {
    return o.installation() + '\u001f' + o.device() + '\u001f' + o.channel();
  }

  /** Takes a number found in the log into account during recovery. */
  void observe(Observation o) {
    last.merge(key(o), o.seq(), Math::max);
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
      AtomicFiles.write(file, JSON.writeValueAsString(next));
      reserved.clear();
      reserved.putAll(next);
      reservationDue = false;
    } catch (IOException e) {
      LOG.warn("Spool: cannot persist sequence reservation ({}); retrying later", e.toString());
    }
  }

  /** Persists the exact last numbers (clean close: no jump on the next open). */
  void persistExact() throws IOException {
    AtomicFiles.write(file, JSON.writeValueAsString(last));
    reserved.clear();
    reserved.putAll(last);
  }
}
