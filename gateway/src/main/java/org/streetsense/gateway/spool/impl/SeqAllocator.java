package org.streetsense.gateway.spool.impl;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.streetsense.gateway.pipeline.Observation;

/**
 * Per-stream sequence numbers that never repeat across restarts. {@code seq.json} holds, per
 * stream, a value at least as high as any number handed out: a reservation ({@code
 * seqReservation} ahead) while running, the exact last number after a clean close. On open the
 * next number is one past the larger of that file and the highest number found in the log, so
 * after a crash numbers jump forward by less than the reservation, and never go back.
 */
final class SeqAllocator {

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

  /** Marks {@code seq} as used; persists a new reservation first when needed. */
  void commit(String key, long seq) throws IOException {
    last.put(key, seq);
    if (seq > reserved.getOrDefault(key, 0L)) {
      reserved.put(key, seq + reservation);
      AtomicFiles.write(file, JSON.writeValueAsString(reserved));
    }
  }

  /** Persists the exact last numbers (clean close: no jump on the next open). */
  void persistExact() throws IOException {
    AtomicFiles.write(file, JSON.writeValueAsString(last));
    reserved.clear();
    reserved.putAll(last);
  }
}
