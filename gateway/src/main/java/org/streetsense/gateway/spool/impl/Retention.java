package org.streetsense.gateway.spool.impl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.pipeline.Gap;
import org.streetsense.gateway.spool.FullPolicy;
import org.streetsense.gateway.spool.Lane;
import org.streetsense.gateway.spool.SpoolFullException;

/**
 * Which segments go, and the accounting when they go unacknowledged: removal after every sink
 * acknowledged, the byte cap, age expiry and corruption. Runs on the spool worker thread.
 *
 * <p>Order of a lossy drop: gaps are queued durably first (for the registered sinks and for sinks
 * still to register, {@link NewSinkGaps}), then cursors move past the segment
 * and are persisted, then the file is deleted, so a crash in between never loses the report.
 */
final class Retention {

  private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
  /** Accounting key of the sinks still to register (not a valid sink name). */
  private static final String NEW_SINKS = "\u0000new";
  private final DefaultSpool spool;

  Retention(DefaultSpool spool) {
    this.spool = spool;
  }

  /** Deletes sealed segments every registered sink has acknowledged (none without sinks). */
  void removeAcknowledged() throws IOException {
    if (spool.sinks().isEmpty()) {
      return;
    }
    boolean cursorsFlushed = false;
    for (LaneLog log : spool.lanes().values()) {
      Map<String, Long> cursors = spool.cursorsOf(log.lane);
      long min = cursors.values().stream().mapToLong(Long::longValue).min().orElse(0);
      for (SegmentInfo seg : List.copyOf(log.sealed())) {
        if (seg.end > min) {
          break;
        }
        if (!cursorsFlushed) {
          spool.cursors().flush();
          cursorsFlushed = true;
        }
        spool.readers().invalidate(seg);
        log.delete(seg);
        spool.newSinkGaps().removedUpTo(log.lane.dirName(), seg.end);
      }
    }
  }

  /** Enforces the byte cap before an append of about {@code incoming} bytes. */
  void makeRoom(long incoming) throws IOException {
    long max = spool.options().maxBytes();
    while (spool.bytes() + incoming > max) {
      if (spool.options().fullPolicy() == FullPolicy.REJECT_NEW) {
        throw new SpoolFullException("spool at " + spool.options().directory() + " holds "
            + spool.bytes() + " of " + max + " bytes; policy reject-new refuses the observation");
      }
      if (!dropOldest("spool_full")) {
        return;
      }
    }
  }

  /** Drops the oldest sealed segment of any lane (rolling an active one if none is sealed). */
  boolean dropOldest(String reason) throws IOException {
    List<SegmentInfo> candidates = new ArrayList<>();
    spool.lanes().values().forEach(l -> candidates.addAll(l.sealed()));
    if (candidates.isEmpty()) {
      LaneLog biggest = spool.lanes().values().stream()
          .max(Comparator.comparingLong(LaneLog::activeBytes)).orElseThrow();
      if (!biggest.hasActive()) {
        return false;
      }
      biggest.roll(false);
      candidates.addAll(biggest.sealed());
    }
    SegmentInfo oldest = candidates.stream()
        .min(Comparator.comparingLong((SegmentInfo s) -> s.createdMillis)
            .thenComparingLong(s -> s.base))
        .orElseThrow();
    drop(spool.lanes().get(oldest.lane), oldest, reason, oldest.end);
    return true;
  }

  /** Drops every segment whose newest record is older than the maximum age. */
  void expire() throws IOException {
    long cutoff = spool.options().timeSource().wallMillis() - spool.options().maxAge().toMillis();
    for (LaneLog log : spool.lanes().values()) {
      List<SegmentInfo> all = List.copyOf(log.segments());
      for (SegmentInfo seg : all) {
        if (seg.lastAppendMillis >= cutoff) {
          break;
        }
        if (!log.sealed().contains(seg)) {
          log.roll(true);
        }
        drop(log, seg, "expired", seg.end);
      }
    }
  }

  /** Accounts a corrupt segment as loss, then moves it to quarantine. */
  void dropCorrupt(LaneLog log, LaneLog.Recovered r) throws IOException {
    SegmentInfo seg = r.segment();
    account(log, seg, "corrupt", r.end());
    forgetTail(log);
    // cursors stay: records before the corrupt segment are still to be sent; readers skip the hole
    spool.readers().invalidate(seg);
    spool.quarantine().quarantineSegment(
        new Quarantine.SegmentInfoName(log.lane.dirName()), seg.file, r.why());
    log.forget(seg);
  }

  private void drop(LaneLog log, SegmentInfo seg, String reason, long end) throws IOException {
    account(log, seg, reason, end);
    forgetTail(log);
    advanceCursors(log, end);
    spool.readers().invalidate(seg);
    log.delete(seg);
    LOG.info("Spool: dropped {} ({})", seg, reason);
  }

  /** Records of the interactive lane are going: its interactive tail must not serve them. */
  private void forgetTail(LaneLog log) {
    if (log.lane == Lane.INTERACTIVE) {
      spool.interactiveTail().clear();
    }
  }

  /**
   * Queues the loss durably for every registered sink that had not acknowledged it, and keeps the
   * whole segment's loss for sinks still to register (a sink registering now would start at the
   * oldest retained record, so it would have been given every record of the segment).
   */
  private void account(LaneLog log, SegmentInfo seg, String reason, long end) throws IOException {
    Map<String, Long> cursors = spool.cursorsOf(log.lane);
    cursors.put(NEW_SINKS, seg.base);
    Map<String, List<Gap>> lost = LossAccounting.account(seg, cursors, reason, end);
    List<Gap> forNewSinks = lost.remove(NEW_SINKS);
    spool.reportLoss(lost);
    spool.keepForNewSinks(log.lane, end, forNewSinks);
  }

  private void advanceCursors(LaneLog log, long end) throws IOException {
    for (String sink : spool.sinks()) {
      spool.cursors().advance(sink, log.lane, end);
      if (log.lane == Lane.INTERACTIVE) {
        spool.interactiveTail().cursor(sink, spool.cursors().get(sink, log.lane));
      }
    }
    spool.cursors().flush();
  }
}
