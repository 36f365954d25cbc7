package org.streetsense.rigs.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.streetsense.harness.ReceivedMessage;

/**
 * What a backend really received, counted by {@code (device, channel, seq)}: distinct sequence
 * numbers and duplicates per stream, and the gap reports. Streams are keyed {@code
 * device/channel}. Not thread-safe: build one from a snapshot of messages, then query it.
 */
public final class StreamLedger {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, BitSet> seen = new TreeMap<>();
  private final Map<String, Long> duplicates = new TreeMap<>();
  private final List<GapReport> gaps = new ArrayList<>();

  /** A gap message as received. */
  public record GapReport(String stream, long firstSeq, long lastSeq, long count, String reason) {
    /** Whether {@code seq} lies in the reported range. */
    public boolean covers(long seq) {
      return seq >= firstSeq && seq <= lastSeq;
    }
  }

  /**
   * Counts every reading, event and gap among MQTT messages (topics {@code .../reading},
   * {@code .../event}, {@code .../gap}; objects or arrays); other topics are ignored.
   */
  public static StreamLedger ofMqtt(List<ReceivedMessage> messages) {
    StreamLedger l = new StreamLedger();
    for (ReceivedMessage m : messages) {
      l.addMqtt(m.topic(), m.text());
    }
    return l;
  }

  /** Counts one MQTT message (ignored unless a reading, event or gap). */
  public void addMqtt(String topic, String payload) {
    String kind = topic.substring(topic.lastIndexOf('/') + 1);
    if (!kind.equals("reading") && !kind.equals("event") && !kind.equals("gap")) {
      return;
    }
    JsonNode node = parse(payload);
    for (JsonNode o : node.isArray() ? node : List.of(node)) {
      String stream = o.path("device").asText() + "/" + o.path("channel").asText();
      if (kind.equals("gap")) {
        gap(new GapReport(stream, o.path("first_seq").asLong(), o.path("last_seq").asLong(),
            o.path("count").asLong(), o.path("reason").asText()));
      } else {
        add(stream, o.path("seq").asLong());
      }
    }
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + text, e);
    }
  }

  /** Counts one received observation. */
  public void add(String stream, long seq) {
    if (seq < 1 || seq > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("seq out of range for " + stream + ": " + seq);
    }
    BitSet bits = seen.computeIfAbsent(stream, s -> new BitSet());
    if (bits.get((int) seq)) {
      duplicates.merge(stream, 1L, Long::sum);
    }
    bits.set((int) seq);
  }

  /** Records one received gap report. */
  public void gap(GapReport g) {
    gaps.add(g);
  }

  public boolean has(String stream, long seq) {
    BitSet bits = seen.get(stream);
    return bits != null && seq > 0 && seq <= Integer.MAX_VALUE && bits.get((int) seq);
  }

  /** Distinct sequence numbers received on the stream. */
  public long distinct(String stream) {
    BitSet bits = seen.get(stream);
    return bits == null ? 0 : bits.cardinality();
  }

  /** Highest sequence number received on the stream (0 if none). */
  public long maxSeq(String stream) {
    BitSet bits = seen.get(stream);
    return bits == null ? 0 : Math.max(0, bits.length() - 1);
  }

  /** Distinct observations received over all streams. */
  public long distinctTotal() {
    return seen.values().stream().mapToLong(BitSet::cardinality).sum();
  }

  /** Messages received more than once, per stream. */
  public Map<String, Long> duplicates() {
    return Map.copyOf(duplicates);
  }

  public long duplicateTotal() {
    return duplicates.values().stream().mapToLong(Long::longValue).sum();
  }

  public List<GapReport> gaps() {
    return List.copyOf(gaps);
  }

  /** Sequence numbers in {@code from..to} (inclusive) of the stream that were not received. */
  public List<Long> missing(String stream, long from, long to) {
    List<Long> out = new ArrayList<>();
    for (long s = from; s <= to; s++) {
      if (!has(stream, s)) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * For every stream, the numbers {@code 1..accepted} not received and not covered by a gap
   * report of that stream: accepted observations lost without a word. Empty when nothing is.
   */
  public Map<String, List<Long>> unreported(Map<String, Long> acceptedMaxSeq) {
    Map<String, List<Long>> out = new TreeMap<>();
    acceptedMaxSeq.forEach((stream, max) -> {
      List<Long> lost = missing(stream, 1, max).stream()
          .filter(s -> gaps.stream().noneMatch(g -> g.stream().equals(stream) && g.covers(s)))
          .toList();
      if (!lost.isEmpty()) {
        out.put(stream, lost);
      }
    });
    return out;
  }

  /** Total missing in {@code 1..accepted} over all streams. */
  public long missingTotal(Map<String, Long> acceptedMaxSeq) {
    return acceptedMaxSeq.entrySet().stream()
        .mapToLong(e -> e.getValue() - countIn(e.getKey(), e.getValue())).sum();
  }

  private long countIn(String stream, long max) {
    BitSet bits = seen.get(stream);
    return bits == null ? 0 : bits.get(1, (int) max + 1).cardinality();
  }

  /** One line per stream: distinct, max seq, duplicates; then the gaps. For test logs. */
  public String summary() {
    StringBuilder s = new StringBuilder();
    seen.forEach((k, v) -> s.append(String.format("  %-12s distinct=%d max=%d duplicates=%d%n", k,
        v.cardinality(), Math.max(0, v.length() - 1), duplicates.getOrDefault(k, 0L))));
    gaps.forEach(g -> s.append("  gap ").append(g).append('\n'));
    return s.toString();
  }
}
