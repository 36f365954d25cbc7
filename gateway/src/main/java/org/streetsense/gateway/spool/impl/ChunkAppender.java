package org.streetsense.gateway.spool.impl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.spool.FsyncPolicy;
import org.streetsense.gateway.spool.FullPolicy;
import org.streetsense.gateway.spool.Lane;
import org.streetsense.gateway.spool.SpoolFullException;
import org.streetsense.gateway.spool.SpoolOptions;
import org.streetsense.gateway.spool.SpoolState;
import org.streetsense.gateway.spool.SpooledRecord;

/**
 * Writes the chunks of queued appends (spool worker thread). A run of consecutive appends of one
 * lane is staged and written in one write while it stays below the byte cap and within the
 * active segment; near the cap, on a full disk, or when a run's write fails, appends are taken
 * one by one, so the cap, drop-oldest, reject-new and disk-full rules apply per record exactly
 * as for a single append. Nothing a failed write did not store keeps its sequence number.
 */
final class ChunkAppender {

  /** Room an append needs below the cap: a record with new dictionary entries, roughly. */
  static final long HEADROOM = Frames.HEADER_BYTES * 6L + 128;

  private final DefaultSpool spool;
  private final SpoolOptions options;
  private final SeqAllocator seqs;
  private final Retention retention;

  ChunkAppender(DefaultSpool spool, SeqAllocator seqs, Retention retention) {
    this.spool = spool;
    this.options = spool.options();
    this.seqs = seqs;
    this.retention = retention;
  }

  /**
   * Writes a chunk of queued appends in queue order (worker thread): consecutive appends of a
   * lane are staged and written together, then reservations are persisted and, if the policy
   * asks for it, data is forced once for the whole chunk, all before any future completes.
   */
  void appendChunk(List<PendingAppend> chunk) {
    if (spool.state() == SpoolState.CLOSED) {
      chunk.forEach(p -> p.fail(spool.closed()));
      return;
    }
    long now = options.timeSource().wallMillis();
    int i = 0;
    while (i < chunk.size()) {
      i = appendGroup(chunk, i, now);
    }
    seqs.persistReservations();
    spool.commitAfter(chunk);
  }

  /** Appends a run of one lane starting at {@code from}; returns the index after it. */
  private int appendGroup(List<PendingAppend> chunk, int from, long now) {
    PendingAppend first = chunk.get(from);
    Lane lane = Lane.of(first.observation);
    LaneLog log = spool.lanes().get(lane);
    long base = spool.bytes();
    if (spool.state() == SpoolState.DISK_FULL || base + HEADROOM > options.maxBytes()) {
      appendOne(first, log, now);
      return from + 1;
    }
    SegmentWriter writer;
    try {
      writer = log.writer(now, options.bootId());
    } catch (IOException e) {
      appendOne(first, log, now);
      return from + 1;
    }
    long segmentStart = log.activeBytes();
    List<Observation> events = lane == Lane.INTERACTIVE ? new ArrayList<>() : null;
    int to = from;
    try {
      while (to < chunk.size()) {
        PendingAppend p = chunk.get(to);
        if (Lane.of(p.observation) != lane
            || base + writer.stagedBytes() + HEADROOM > options.maxBytes()) {
          break;
        }
        Observation o = p.observation.withSeq(seqs.next(SeqAllocator.key(p.observation)));
        writer.stage(o);
        if (events != null) {
          events.add(o);
        }
        p.seq = o.seq();
        to++;
        if (segmentStart + writer.stagedBytes() >= options.segmentBytes()) {
          break;
        }
      }
      long written = writer.writeStaged();
      seqs.keep();
      log.appended(to - from, written, now);
      if (events != null) {
        tailWritten(log, events);
      }
    } catch (IOException | RuntimeException e) {
      writer.discardStaged();
      if (to == from) {
        to++;
      }
      // nothing of the run was written: take it again one by one, with disk-full handling
      seqs.undo();
      for (int k = from; k < to; k++) {
        chunk.get(k).seq = 0;
        appendOne(chunk.get(k), log, now);
      }
      return to;
    }
    spool.appended(to - from);
    rollIfFull(log, chunk.get(to - 1));
    return to;
  }

  /** Hands the events just written at the end of the interactive lane to its interactive tail. */
  private void tailWritten(LaneLog log, List<Observation> written) {
    List<SegmentInfo> segments = log.segments();
    String bootId = segments.get(segments.size() - 1).bootId;
    long offset = log.nextOffset() - written.size();
    for (Observation o : written) {
      spool.interactiveTail().written(new SpooledRecord(Lane.INTERACTIVE, offset++, o, bootId));
    }
  }

  /** Appends one observation on its own: the byte cap and a full disk are handled per record. */
  private void appendOne(PendingAppend p, LaneLog log, long now) {
    try {
      p.seq = doAppend(p.observation, log, now);
      rollIfFull(log, p);
    } catch (IOException | RuntimeException e) {
      p.fail(e);
    }
  }

  private long doAppend(Observation in, LaneLog log, long now) throws IOException {
    String key = SeqAllocator.key(in);
    try {
      retention.makeRoom(HEADROOM);
    } catch (SpoolFullException e) {
      spool.rejected();
      throw e;
    }
    Observation o = in.withSeq(seqs.next(key));
    boolean written = false;
    try {
      writeOrDropOldest(o, log, now);
      written = true;
    } finally {
      if (written) {
        seqs.keep();
      } else {
        seqs.undo();
      }
    }
    spool.writingAgain();
    spool.appended(1);
    if (log.lane == Lane.INTERACTIVE) {
      tailWritten(log, List.of(o));
    }
    return o.seq();
  }

  private void writeOrDropOldest(Observation o, LaneLog log, long now) throws IOException {
    try {
      log.append(o, now, options.bootId());
    } catch (IOException e) {
      spool.diskFull(e);
      if (options.fullPolicy() == FullPolicy.DROP_OLDEST && spool.releaseAndDropOldest()) {
        try {
          log.append(o, now, options.bootId());
        } catch (IOException again) {
          spool.rejected();
          throw new SpoolFullException("disk full, observation rejected: " + again, again);
        }
      } else {
        spool.rejected();
        throw new SpoolFullException("disk full, observation rejected: " + e, e);
      }
    }
  }

  private void rollIfFull(LaneLog log, PendingAppend last) {
    if (log.activeBytes() >= options.segmentBytes()) {
      try {
        log.roll(options.fsyncPolicy() != FsyncPolicy.OS);
      } catch (IOException e) {
        last.fail(e);
      }
    }
  }
}
