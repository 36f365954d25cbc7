package org.streetsense.gateway.spool.impl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.spool.Lane;
import org.streetsense.gateway.spool.SpooledRecord;

/**
 * Open segment scanners per (sink, lane), so a forwarder reading batch after batch continues
 * where it stopped instead of rescanning the segment. Worker thread only.
 */
final class RecordReaders {

  private record Key(String sink, Lane lane) {}

  private static final class Open {
    final SegmentInfo segment;
    final SegmentScanner scanner;

    Open(SegmentInfo segment, SegmentScanner scanner) {
      this.segment = segment;
      this.scanner = scanner;
    }
  }

  private final Map<Key, Open> open = new HashMap<>();

  /** Reads committed records {@code [from, min(from + max, committedEnd))}, skipping removed ones. */
  List<SpooledRecord> read(String sink, LaneLog log, long from, int max) throws IOException {
    List<SpooledRecord> out = new ArrayList<>();
    long offset = Math.max(from, log.firstOffset());
    long end = Math.min(log.committedEnd(), offset + max);
    Key key = new Key(sink, log.lane);
    while (offset < end) {
      SegmentInfo seg = log.segmentFor(offset);
      if (seg == null) {
        offset = nextBaseAfter(log, offset);
        continue;
      }
      Open o = open.get(key);
      if (o == null || o.segment != seg || o.scanner.nextOffset() > offset) {
        closeQuietly(o);
        SegmentScanner scanner = new SegmentScanner(seg.file);
        try {
          scanner.readHeader();
        } catch (IOException | RuntimeException e) {
          scanner.close(); // a bad header: the file is not kept open for the next try
          throw e;
        }
        o = new Open(seg, scanner);
        open.put(key, o);
      }
      while (o.scanner.nextOffset() < offset && o.scanner.next() != null) {
        // skip forward to the requested offset (a reader behind it in the same segment goes on)
      }
      while (offset < end && offset < seg.end) {
        Observation obs = o.scanner.next();
        if (obs == null) {
          break;
        }
        out.add(new SpooledRecord(log.lane, offset, obs, seg.bootId));
        offset++;
      }
      if (offset < end && offset < seg.end) {
        throw new CorruptFrameException(seg.file, o.scanner.validLength(),
            "segment ends before offset " + offset);
      }
    }
    return out;
  }

  private static long nextBaseAfter(LaneLog log, long offset) {
    return log.segments().stream().mapToLong(s -> s.base).filter(b -> b > offset).min()
        .orElse(log.nextOffset());
  }

  /** Drops cached scanners of a segment that is being removed. */
  void invalidate(SegmentInfo seg) {
    open.entrySet().removeIf(e -> {
      if (e.getValue().segment == seg) {
        closeQuietly(e.getValue());
        return true;
      }
      return false;
    });
  }

  void invalidateSink(String sink) {
    open.entrySet().removeIf(e -> {
      if (e.getKey().sink().equals(sink)) {
        closeQuietly(e.getValue());
        return true;
      }
      return false;
    });
  }

  void closeAll() {
    open.values().forEach(RecordReaders::closeQuietly);
    open.clear();
  }

  private static void closeQuietly(Open o) {
    if (o != null) {
      try {
        o.scanner.close();
      } catch (IOException e) {
        // read-only channel; nothing to lose
      }
    }
  }
}
