package org.streetsense.gateway.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.streetsense.gateway.pipeline.Quality;

/** Fixed-capacity ring of one channel's readings, in arrival order. Thread-safe by locking. */
final class HistoryRing {

  private static final Quality[] QUALITIES = Quality.values();

  private final long[] millis;
  private final double[] values;
  private final byte[] qualities;
  private final long[] seqs;
  private int head;
  private int size;

  HistoryRing(int capacity) {
    millis = new long[capacity];
    values = new double[capacity];
    qualities = new byte[capacity];
    seqs = new long[capacity];
  }

  synchronized void add(HistoryPoint point) {
    int slot = (head + size) % millis.length;
    if (size == millis.length) {
      head = (head + 1) % millis.length;
    } else {
      size++;
    }
    millis[slot] = point.time().toEpochMilli();
    values[slot] = point.value();
    qualities[slot] = (byte) point.quality().ordinal();
    seqs[slot] = point.seq();
  }

  synchronized List<HistoryPoint> between(Instant from, Instant to, int limit) {
    long lo = from.toEpochMilli();
    long hi = to.toEpochMilli();
    List<HistoryPoint> out = new ArrayList<>();
    for (int i = 0; i < size && out.size() < limit; i++) {
      int slot = (head + i) % millis.length;
      if (millis[slot] >= lo && millis[slot] < hi) {
        out.add(new HistoryPoint(Instant.ofEpochMilli(millis[slot]), values[slot],
            QUALITIES[qualities[slot]], seqs[slot]));
      }
    }
    return out;
  }

  synchronized Aggregate aggregate(Instant from, Instant to) {
    long lo = from.toEpochMilli();
    long hi = to.toEpochMilli();
    long count = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    for (int i = 0; i < size; i++) {
      int slot = (head + i) % millis.length;
      double v = values[slot];
      if (millis[slot] >= lo && millis[slot] < hi && !Double.isNaN(v)
          && QUALITIES[qualities[slot]] != Quality.FAULT) {
        count++;
        min = Math.min(min, v);
        max = Math.max(max, v);
        sum += v;
      }
    }
    return count == 0 ? Aggregate.empty(from, to)
        : new Aggregate(from, to, count, min, max, sum / count);
  }
}
