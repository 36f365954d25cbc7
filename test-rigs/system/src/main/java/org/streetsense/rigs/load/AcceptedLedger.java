package org.streetsense.rigs.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.streetsense.gateway.pipeline.Observation;

/**
 * What the spool accepted, per stream {@code device/channel}: the highest sequence number and the
 * count. Register with {@code Gateway.onAccepted}. Within one run of a fresh spool the spool
 * numbers each stream from 1 without holes, so {@code count == maxSeq} per stream is itself
 * checked by {@link #holeFree()}. Thread-safe.
 */
public final class AcceptedLedger implements Consumer<Observation> {

  private final Map<String, AtomicLong> max = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> count = new ConcurrentHashMap<>();

  @Override
  public void accept(Observation o) {
    String stream = o.device() + "/" + o.channel();
    max.computeIfAbsent(stream, s -> new AtomicLong()).accumulateAndGet(o.seq(), Math::max);
    count.computeIfAbsent(stream, s -> new LongAdder()).increment();
  }

  /** Highest accepted sequence number per stream, a snapshot. */
  public Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    max.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /** Observations accepted over all streams. */
  public long total() {
    return count.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Whether every stream's count equals its highest number (numbered from 1 without holes). */
  public boolean holeFree() {
    return max.entrySet().stream().allMatch(e -> count.get(e.getKey()).sum() == e.getValue().get());
  }
}
