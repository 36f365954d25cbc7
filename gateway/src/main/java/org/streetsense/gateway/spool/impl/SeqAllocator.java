package org.streetsense.gateway.spool.impl;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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

  long peekNext(String key) {
    return last.getOrDefault(key, 0L) + 1;
  }

  /**
   * Marks {@code seq} as used; persists a new reservation when it passes the old one. A failed
   * write (disk full) is logged and retried on the next commit: the record itself already
   * carries its number in the log, which recovery reads.
   */
  void commit(String key, long seq) {
    last.put(key, seq);
    Long r = reserved.get(key);
    if (r == null || seq > r) {
      Map<String, Long> next = new HashMap<>(reserved);
      next.put(key, seq + reservation);
      try {
        AtomicFiles.write(file, JSON.writeValueAsString(next));
        reserved.put(key, seq + reservation);
      } catch (IOException e) {
        LOG.warn("Spool: cannot persist sequence reservation ({}); retrying later", e.toString());
      }
    }
  }

  /** Persists the exact last numbers (clean close: no jump on the next open). */
  void persistExact() throws IOException {
    AtomicFiles.write(file, JSON.writeValueAsString(last));
    reserved.clear();
    reserved.putAll(last);
  }
}
