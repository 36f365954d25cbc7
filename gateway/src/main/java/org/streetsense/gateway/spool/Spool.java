package org.streetsense.gateway.spool;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.spool.impl.DefaultSpool;

/**
 * The durable store-and-forward log every accepted observation goes through.
 *
 * <p>Threading: all file I/O runs on one dedicated worker thread of the given Vert.x instance;
 * every method returns at once and its future completes on the caller's Vert.x context (or a
 * Vert.x thread when called from outside one). Never blocks the event loop.
 *
 * <p>Failure modes: I/O errors fail the returned future with the {@link java.io.IOException};
 * appends refused at the cap (reject-new) or on a full disk fail with {@link
 * SpoolFullException}; after {@link #close()} every call fails with {@link IllegalStateException}.
 */
public interface Spool {

  /**
   * Opens (creating if needed) and recovers the spool: scans segments, quarantines a torn tail
   * or corrupt segments (queuing {@code corrupt} gaps), restores sequence numbers and cursors.
   */
  static Future<Spool> open(SpoolOptions options, Vertx vertx) {
    return DefaultSpool.open(options, vertx);
  }

  /**
   * Assigns the next per-stream sequence number and appends the observation. The future
   * succeeds with the sequence number once the record is written (and forced, under {@link
   * FsyncPolicy#ALWAYS}); from then on the observation counts as accepted.
   *
   * <p>Appends only queue the observation; the worker writes what is queued in batches (one
   * write per lane run, one force per batch where the policy asks for one) and completes each
   * batch's futures with one task per caller context, in append order. Appends from one thread
   * get increasing numbers per stream, in the order they were made.
   */
  Future<Long> append(Observation observation);

  /**
   * Registers a sink cursor (idempotent). A sink seen for the first time starts at the oldest
   * retained record, with the losses kept for sinks still to register (drops and {@code unused}
   * ranges it would otherwise never hear of, decision 0373) queued as its gaps before it can read
   * any data; a known one resumes at its persisted cursor and gets nothing new.
   */
  Future<Void> registerSink(String sink);

  /** Forgets a sink and its cursor, so it no longer holds back segment removal. */
  Future<Void> unregisterSink(String sink);

  /**
   * Reads up to {@code max} readable records of a lane, starting at the sink's first
   * unacknowledged record at or after {@code fromOffset} (records dropped meanwhile are
   * skipped; they are reported as gaps). Readable means durable under the fsync policy, with one
   * exception: under {@link FsyncPolicy#GROUP} an interaction event is readable once written,
   * while the force of its own that follows at once runs (decision 0383). A power cut during that
   * force can take such an event back from the log after a sink sent it; its sequence number is
   * never handed out again.
   */
  Future<List<SpooledRecord>> read(String sink, Lane lane, long fromOffset, int max);

  /** Acknowledges every record of the lane before {@code nextOffset} for the sink. */
  Future<Void> acknowledge(String sink, Lane lane, long nextOffset);

  /** The sink's acknowledged cursor (next offset to deliver) in the lane. */
  Future<Long> cursor(String sink, Lane lane);

  /**
   * Gap reports queued for the sink, oldest first. When no sink has a report queued the future
   * is already complete (no wait for the worker); a gap caused by an append still queued then
   * shows up in the next call.
   */
  Future<List<PendingGap>> pendingGaps(String sink);

  /** Removes a delivered gap report from the sink's queue. */
  Future<Void> acknowledgeGap(String sink, long gapId);

  /** Forces everything appended so far to the device. */
  Future<Void> flush();

  /** A snapshot of the counters. */
  Future<SpoolStats> stats();

  /**
   * Called (on the spool's worker thread; hop to your own context) with the lanes that may have
   * new readable records: every lane at a commit, and under {@link FsyncPolicy#GROUP} the
   * interactive lane alone when interaction events are written, before their force. Forwarders
   * use it to wake the lanes that have work instead of polling.
   */
  void onReadable(Consumer<Set<Lane>> listener);

  /**
   * Forces data, persists cursors and exact sequence numbers, releases files. Completes once every
   * file is closed; fails with the first {@link java.io.IOException} when forcing or persisting
   * failed (a full or failing disk), and the spool is closed and holds no file open either way.
   */
  Future<Void> close();
}
