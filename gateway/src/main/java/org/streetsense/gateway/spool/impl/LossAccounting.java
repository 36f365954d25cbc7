package org.streetsense.gateway.spool.impl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.streetsense.gateway.pipeline.Gap;
import org.streetsense.gateway.pipeline.Observation;

/**
 * Counts, per sink and per stream, the records of a segment about to be dropped that the sink had
 * not acknowledged. Records past a corrupt frame cannot be attributed to a stream: they are
 * reported as one gap with device and channel {@code *} whose seq range holds lane offsets.
 */
final class LossAccounting {

  /** Unattributed records: stream unknown. */
  static final String UNKNOWN = "*";

  private LossAccounting() {}

  /**
   * @param cursors each sink's cursor in the segment's lane
   * @param end offset one past the segment's last record (for a corrupt segment, the next
   *     segment's base)
   */
  static Map<String, List<Gap>> account(
      SegmentInfo seg, Map<String, Long> cursors, String reason, long end) {
    Map<String, Map<String, GapBuilder>> perSink = new HashMap<>();
    long readableEnd = seg.base;
    if (cursors.values().stream().anyMatch(c -> c < end)) {
      try (SegmentScanner scanner = new SegmentScanner(seg.file)) {
        scanner.readHeader();
        while (true) {
          long offset = scanner.nextOffset();
          Observation o = scanner.next();
          if (o == null) {
            break;
          }
          readableEnd = offset + 1;
          for (Map.Entry<String, Long> c : cursors.entrySet()) {
            if (c.getValue() <= offset) {
              perSink.computeIfAbsent(c.getKey(), k -> new LinkedHashMap<>())
                  .computeIfAbsent(SeqAllocator.key(o), k -> new GapBuilder(o))
                  .add(o);
            }
          }
        }
      } catch (IOException e) {
        // the rest of the segment is unreadable: counted below as unattributed
      }
    }
    Map<String, List<Gap>> result = new HashMap<>();
    for (Map.Entry<String, Long> c : cursors.entrySet()) {
      List<Gap> gaps = new ArrayList<>();
      perSink.getOrDefault(c.getKey(), Map.of()).values()
          .forEach(b -> gaps.add(b.build(reason)));
      long from = Math.max(c.getValue(), readableEnd);
      if (from < end) {
        gaps.add(new Gap(UNKNOWN, UNKNOWN, UNKNOWN, from, end - 1, end - from, reason,
            seg.createdMillis, seg.lastAppendMillis));
      }
      result.put(c.getKey(), gaps);
    }
    return result;
  }

  private static final class GapBuilder {
    private final Observation first;
    private long firstSeq = Long.MAX_VALUE;
    private long lastSeq = Long.MIN_VALUE;
    private long count;
    private long from = Long.MAX_VALUE;
    private long to = Long.MIN_VALUE;

    GapBuilder(Observation first) {
      this.first = first;
    }

    void add(Observation o) {
      firstSeq = Math.min(firstSeq, o.seq());
      lastSeq = Math.max(lastSeq, o.seq());
      from = Math.min(from, o.time().epochMillis());
      to = Math.max(to, o.time().epochMillis());
      count++;
    }

    Gap build(String reason) {
      return new Gap(first.installation(), first.device(), first.channel(), firstSeq, lastSeq,
          count, reason, from, to);
    }
  }
}
