package org.streetsense.gateway.spool.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.internal.VertxInternal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.pipeline.Gap;
import org.streetsense.gateway.pipeline.Observation;
import org.streetsense.gateway.spool.FsyncPolicy;
import org.streetsense.gateway.spool.Lane;
import org.streetsense.gateway.spool.PendingGap;
import org.streetsense.gateway.spool.Spool;
import org.streetsense.gateway.spool.SpoolOptions;
import org.streetsense.gateway.spool.SpoolState;
import org.streetsense.gateway.spool.SpoolStats;
import org.streetsense.gateway.spool.SpooledRecord;

/**
 * The segmented-log spool. Every state change runs on one single-thread worker executor, so the
 * fields below need no locks; futures complete on the caller's context. Appends are queued and
 * written in batches ({@link AppendQueue}); every other task first writes what is queued.
 */
public final class DefaultSpool implements Spool {

  private static final Logger LOG = LoggerFactory.getLogger(DefaultSpool.class);
  private static final AtomicInteger INSTANCES = new AtomicInteger();
  private static final Set<Lane> ALL_LANES = Collections.unmodifiableSet(EnumSet.allOf(Lane.class));
  private static final Set<Lane> INTERACTIVE_ONLY = Set.of(Lane.INTERACTIVE);

  private final SpoolOptions options;
  private final Vertx vertx;
  private final WorkerExecutor worker;
  private final Map<Lane, LaneLog> lanes = new EnumMap<>(Lane.class);
  private final List<Consumer<Set<Lane>>> listeners = new CopyOnWriteArrayList<>();
  private final RecordReaders readers = new RecordReaders();
  private final Map<String, Long> drops = new HashMap<>();
  private final Retention retention;
  private final AppendQueue appends;
  private final GroupCommit groupCommit;
  private final InteractiveTail interactiveTail = new InteractiveTail();
  private CursorStore cursors;
  private GapQueue gaps;
  private NewSinkGaps newSinkGaps;
  private SeqAllocator seqs;
  private ChunkAppender chunkAppender;
  private Quarantine quarantine;
  private SpaceReserve reserve;
  private volatile SpoolState state = SpoolState.OK;
  private long appended;
  private long rejected;
  private int uncommitted;
  private boolean commitScheduled;
  private boolean cursorFlushScheduled;
  private long retentionTimer = -1;

  private DefaultSpool(SpoolOptions options, Vertx vertx) {
    this.options = options;
    this.vertx = vertx;
    String name = "streetsense-spool-" + INSTANCES.incrementAndGet();
    this.worker = vertx.createSharedWorkerExecutor(name, 1, 5, TimeUnit.MINUTES);
    this.groupCommit = new GroupCommit(this, vertx, name);
    this.retention = new Retention(this);
    this.appends = new AppendQueue((VertxInternal) vertx, worker,
        chunk -> chunkAppender.appendChunk(chunk));
  }

  /** See {@link Spool#open}. */
  public static Future<Spool> open(SpoolOptions options, Vertx vertx) {
    DefaultSpool spool = new DefaultSpool(options, vertx);
    return spool.worker.<Spool>executeBlocking(() -> {
      spool.recover();
      return spool;
    }, true).onSuccess(s -> spool.startTimers()).onFailure(e -> spool.worker.close());
  }

  private void recover() throws IOException {
    Path dir = Files.createDirectories(options.directory());
    cursors = new CursorStore(dir.resolve("cursors"));
    gaps = new GapQueue(dir.resolve("gaps"));
    newSinkGaps = new NewSinkGaps(dir.resolve("gaps-for-new-sinks.json"));
    for (String sink : cursors.sinks()) {
      gaps.load(sink);
    }
    seqs = new SeqAllocator(dir.resolve("seq.json"), options.seqReservation());
    chunkAppender = new ChunkAppender(this, seqs, retention);
    quarantine = new Quarantine(dir.resolve("quarantine"));
    reserve = new SpaceReserve(dir.resolve("reserve.bin"));
    reserve.restore();
    for (Lane lane : Lane.values()) {
      LaneLog log = new LaneLog(lane, dir.resolve(lane.dirName()));
      lanes.put(lane, log);
      long maxCursor = cursors.sinks().stream().mapToLong(s -> cursors.get(s, lane)).max()
          .orElse(0);
      for (LaneLog.Recovered r : log.recover(seqs, quarantine, maxCursor)) {
        retention.dropCorrupt(log, r);
      }
    }
    reportSkippedSeqs();
    retention.expire();
    retention.removeAcknowledged();
    LOG.info("Spool opened at {}: {} bytes in {} segments, sinks {}", dir, bytes(),
        segmentCount(), cursors.sinks());
  }

  /**
   * After a crash, queues for every sink a gap with count 0 and reason {@code unused} per stream
   * whose numbers jump past the crashed run's reservation, then writes the exact numbers so a
   * second crash before the next reservation reports nothing twice (decision 0275).
   */
  private void reportSkippedSeqs() {
    List<Gap> skipped = seqs.skippedSinceCrash(options.timeSource().wallMillis());
    if (skipped.isEmpty()) {
      return;
    }
    try {
      for (String sink : cursors.sinks()) {
        gaps.add(sink, skipped);
      }
      newSinkGaps.add(null, 0, skipped);
      for (Gap g : skipped) {
        LOG.info("Spool: after a crash {}/{} continues at seq {}; {}..{} reported unused",
            g.device(), g.channel(), g.lastSeq() + 1, g.firstSeq(), g.lastSeq());
      }
      seqs.persistExact();
    } catch (IOException e) {
      // a full disk must not keep the gateway from starting; a later crash reports the range again
      LOG.warn("Spool: cannot record the {} sequence ranges skipped after a crash ({})",
          skipped.size(), e.toString());
    }
  }

  private void startTimers() {
    long ms = options.retentionCheckInterval().toMillis();
    retentionTimer = vertx.setPeriodic(ms, ms, id -> {
      if (state != SpoolState.CLOSED) {
        run(() -> {
          retention.expire();
          return null;
        }).onFailure(e -> LOG.warn("Spool: age expiry failed", e));
      }
    });
  }

  // ---------------------------------------------------------------- API

  @Override
  public Future<Long> append(Observation observation) {
    Objects.requireNonNull(observation, "observation");
    if (state == SpoolState.CLOSED) {
      return Future.failedFuture(closed());
    }
    Future<Long> appended = appends.offer(observation);
    if (state == SpoolState.CLOSED) {
      // closed while queuing: nothing drains the queue any more
      appends.failAll(closed());
    }
    return appended;
  }

  /**
   * Commits per policy once per chunk: every lane at once under ALWAYS; under GROUP, the
   * interactive lane alone at once when an interaction event is in the chunk (someone is waiting
   * for its answer upstream; interactions come at human rates and are small, so the extra forces
   * are cheap), and every lane in the background ({@link GroupCommit}) when the group-commit
   * record count is reached or the interval has passed.
   */
  void commitAfter(List<PendingAppend> chunk) {
    if (uncommitted == 0) {
      return;
    }
    FsyncPolicy policy = options.fsyncPolicy();
    boolean interactive = false;
    for (PendingAppend p : chunk) {
      interactive |= p.written() && p.observation.interactive();
    }
    if (policy == FsyncPolicy.OS) {
      lanes.values().forEach(LaneLog::markCommitted);
      uncommitted = 0;
      notifyListeners();
    } else if (policy == FsyncPolicy.ALWAYS) {
      try {
        commit();
      } catch (IOException e) {
        failPromisedForce(chunk, e);
      }
    } else {
      if (interactive) {
        try {
          commitInteractive();
        } catch (IOException e) {
          failPromisedForce(chunk, e);
        }
      }
      if (uncommitted >= options.groupCommitRecords()) {
        groupCommit.start();
      } else {
        scheduleGroupCommit();
      }
    }
  }

  /** Starts a background group commit after the interval, unless one is already scheduled. */
  void scheduleGroupCommit() {
    if (uncommitted > 0 && !commitScheduled) {
      commitScheduled = true;
      later(options.groupCommitInterval().toMillis(), () -> {
        commitScheduled = false;
        groupCommit.start();
        return null;
      });
    }
  }

  boolean hasUncommitted() {
    return uncommitted > 0;
  }

  /** A background group commit forced these points: marks them committed (worker thread). */
  void committedUpTo(List<LaneLog.ForcePoint> points) {
    if (state == SpoolState.CLOSED) {
      return;
    }
    for (LaneLog.ForcePoint p : points) {
      p.log().markCommittedUpTo(p.end());
    }
    recountUncommitted();
    notifyListeners();
  }

  private void recountUncommitted() {
    long left = 0;
    for (LaneLog l : lanes.values()) {
      left += l.nextOffset() - l.committedEnd();
    }
    uncommitted = (int) Math.min(Integer.MAX_VALUE, left);
  }

  /** Runs {@code task} on the worker; failures other than a closed spool are logged. */
  void onWorker(Runnable task) {
    run(() -> {
      task.run();
      return null;
    }).onFailure(e -> {
      if (state != SpoolState.CLOSED) {
        LOG.warn("Spool: background task failed", e);
      }
    });
  }

  /** A failed force fails the appends that were promised one; the others stay written. */
  private void failPromisedForce(List<PendingAppend> chunk, IOException e) {
    boolean any = false;
    for (PendingAppend p : chunk) {
      if (p.written() && (options.fsyncPolicy() == FsyncPolicy.ALWAYS
          || p.observation.interactive())) {
        p.fail(e);
        any = true;
      }
    }
    if (!any) {
      LOG.warn("Spool: group commit failed; retrying at the next commit", e);
    }
  }

  /**
   * Forces the interactive lane only; the other lanes' records stay for the group commit. Its
   * written records are made readable from the interactive tail, and the interactive lane's
   * forwarders woken, before the force: the sinks send an event while its force runs, and a
   * worker read queued behind this task sees it committed. A power cut during that force can take
   * the event back from the log after a backend has it; its sequence number is never handed out
   * again (the reservation, decision 0275), so nothing is mixed up, and nothing is lost that a
   * backend has not seen (decision 0383).
   */
  private void commitInteractive() throws IOException {
    LaneLog log = lanes.get(Lane.INTERACTIVE);
    if (state == SpoolState.CLOSED || log.committedEnd() == log.nextOffset()) {
      return;
    }
    interactiveTail.readableUpTo(log.nextOffset());
    runListeners(INTERACTIVE_ONLY);
    log.force();
    log.markCommitted();
    recountUncommitted();
  }

  private void commit() throws IOException {
    if (state == SpoolState.CLOSED || uncommitted == 0) {
      return;
    }
    for (LaneLog log : lanes.values()) {
      if (options.fsyncPolicy() != FsyncPolicy.OS) {
        log.force();
      }
      log.markCommitted();
    }
    uncommitted = 0;
    notifyListeners();
  }

  SpoolState state() {
    return state;
  }

  void appended(int count) {
    appended += count;
    uncommitted += count;
  }

  void rejected() {
    rejected++;
  }

  /** Leaves the disk-full state after a successful write. */
  void writingAgain() {
    if (state == SpoolState.DISK_FULL) {
      state = SpoolState.OK;
      reserve.restore();
      LOG.warn("Spool: writing again after disk full at {}", options.directory());
    }
  }

  boolean releaseAndDropOldest() throws IOException {
    reserve.release();
    return retention.dropOldest("disk_full");
  }

  void diskFull(IOException e) {
    if (state != SpoolState.DISK_FULL) {
      LOG.error("Spool: write failed at {} ({}); policy {}: the spool stays up and retries on "
          + "every append", options.directory(), e.toString(), options.fullPolicy());
    }
    state = SpoolState.DISK_FULL;
  }

  private void notifyListeners() {
    LaneLog interactive = lanes.get(Lane.INTERACTIVE);
    if (interactive != null) {
      interactiveTail.readableUpTo(interactive.committedEnd());
    }
    runListeners(ALL_LANES);
  }

  private void runListeners(Set<Lane> readable) {
    for (Consumer<Set<Lane>> r : listeners) {
      try {
        r.accept(readable);
      } catch (RuntimeException e) {
        LOG.warn("Spool: commit listener failed", e);
      }
    }
  }

  @Override
  public Future<Void> registerSink(String sink) {
    CursorStore.validName(sink);
    return run(() -> {
      if (!cursors.contains(sink)) {
        long[] start = new long[Lane.values().length];
        for (LaneLog log : lanes.values()) {
          start[log.lane.ordinal()] = log.firstOffset();
        }
        cursors.register(sink, start);
        interactiveTail.cursor(sink, cursors.get(sink, Lane.INTERACTIVE));
        gaps.load(sink);
        List<Gap> earlier = newSinkGaps.gaps();
        gaps.add(sink, earlier);
        LOG.info("Spool: sink '{}' registered; told of {} earlier losses", sink, earlier.size());
        return null;
      }
      gaps.load(sink);
      interactiveTail.cursor(sink, cursors.get(sink, Lane.INTERACTIVE));
      return null;
    });
  }

  @Override
  public Future<Void> unregisterSink(String sink) {
    return run(() -> {
      cursors.unregister(sink);
      interactiveTail.removeSink(sink);
      gaps.remove(sink);
      readers.invalidateSink(sink);
      retention.removeAcknowledged();
      return null;
    });
  }

  @Override
  public Future<List<SpooledRecord>> read(String sink, Lane lane, long fromOffset, int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be >= 1, was " + max);
    }
    if (lane == Lane.INTERACTIVE && state != SpoolState.CLOSED) {
      // events just written: answered here, not behind the worker's queue (decisions 0372, 0383)
      List<SpooledRecord> recent = interactiveTail.read(sink, fromOffset, max);
      if (recent != null) {
        return Future.succeededFuture(recent);
      }
    }
    return run(() -> {
      LaneLog log = lanes.get(lane);
      long from = Math.max(fromOffset, cursors.get(sink, lane));
      try {
        return readers.read(sink, log, from, max);
      } catch (CorruptFrameException e) {
        SegmentInfo seg = log.segmentFor(from);
        readers.invalidateSink(sink);
        if (seg != null && log.sealed().contains(seg)) {
          retention.dropCorrupt(log, new LaneLog.Recovered(seg, seg.end, e.getMessage()));
          return readers.read(sink, log, from, max);
        }
        throw e;
      }
    });
  }

  @Override
  public Future<Void> acknowledge(String sink, Lane lane, long nextOffset) {
    return run(() -> {
      if (nextOffset > lanes.get(lane).nextOffset()) {
        throw new IllegalArgumentException("cannot acknowledge " + lane.dirName() + " offset "
            + nextOffset + " beyond the end " + lanes.get(lane).nextOffset());
      }
      if (cursors.advance(sink, lane, nextOffset)) {
        if (lane == Lane.INTERACTIVE) {
          interactiveTail.cursor(sink, cursors.get(sink, lane));
        }
        if (options.cursorFlushInterval().isZero()) {
          cursors.flush();
        } else if (!cursorFlushScheduled) {
          cursorFlushScheduled = true;
          later(options.cursorFlushInterval().toMillis(), () -> {
            cursorFlushScheduled = false;
            cursors.flush();
            return null;
          });
        }
        retention.removeAcknowledged();
      }
      return null;
    });
  }

  @Override
  public Future<Long> cursor(String sink, Lane lane) {
    return run(() -> cursors.get(sink, lane));
  }

  @Override
  public Future<List<PendingGap>> pendingGaps(String sink) {
    if (state != SpoolState.CLOSED && gaps.noneQueued()) {
      // the usual answer, without a hop to the worker (where it would wait behind telemetry)
      return Future.succeededFuture(List.of());
    }
    return run(() -> gaps.pending(sink));
  }

  @Override
  public Future<Void> acknowledgeGap(String sink, long gapId) {
    return run(() -> {
      gaps.acknowledge(sink, gapId);
      return null;
    });
  }

  @Override
  public Future<Void> flush() {
    return run(() -> {
      commit();
      cursors.flush();
      return null;
    });
  }

  @Override
  public Future<SpoolStats> stats() {
    return run(this::snapshot);
  }

  private SpoolStats snapshot() {
    long now = options.timeSource().wallMillis();
    Map<String, Long> pending = new HashMap<>();
    Map<String, Long> age = new HashMap<>();
    Map<String, Integer> gapCounts = new HashMap<>();
    for (String sink : cursors.sinks()) {
      long p = 0;
      long oldest = 0;
      for (LaneLog log : lanes.values()) {
        long c = Math.max(cursors.get(sink, log.lane), log.firstOffset());
        p += log.nextOffset() - c;
        SegmentInfo seg = log.segmentFor(c);
        if (seg != null) {
          oldest = Math.max(oldest, unsentAge(sink, log, seg, c, now));
        }
      }
      pending.put(sink, p);
      age.put(sink, oldest);
      gapCounts.put(sink, gaps.size(sink));
    }
    return new SpoolStats(state, bytes(), segmentCount(), appended, pending, age, drops,
        rejected, quarantine.count(), gapCounts);
  }

  /** Reader key of the stats snapshot, apart from every sink's own readers. */
  private static final String STATS_READER = "\u0000stats";
  /** Per sink and lane: the oldest unsent offset last looked at, and its observation's time. */
  private final Map<String, long[]> unsentTimes = new HashMap<>();

  /**
   * Age in ms of the record at {@code offset} (a sink's oldest unsent one): now minus its
   * observation time, read from the segment once per offset, and bounded by the age of its
   * segment (an observation stamped by a clock that was not yet set is not older than the file
   * it was written to). If the record cannot be read (not yet committed, or damaged: the reader
   * reports that), the segment's age is the bound reported.
   */
  private long unsentAge(String sink, LaneLog log, SegmentInfo seg, long offset, long now) {
    long bound = Math.max(0, now - seg.createdMillis);
    String key = sink + '\u0000' + log.lane.dirName();
    long[] known = unsentTimes.get(key);
    if (known == null || known[0] != offset) {
      long stamped;
      try {
        List<SpooledRecord> first = readers.read(STATS_READER, log, offset, 1);
        stamped = first.isEmpty() || first.get(0).offset() != offset ? seg.lastAppendMillis
            : first.get(0).observation().time().epochMillis();
      } catch (IOException | RuntimeException e) {
        readers.invalidateSink(STATS_READER);
        return bound;
      }
      known = new long[] {offset, stamped};
      unsentTimes.put(key, known);
    }
    return Math.min(bound, Math.max(0, now - known[1]));
  }

  @Override
  public void onReadable(Consumer<Set<Lane>> listener) {
    listeners.add(listener);
  }

  @Override
  public Future<Void> close() {
    if (retentionTimer >= 0) {
      vertx.cancelTimer(retentionTimer);
    }
    Future<Void> closing = run(() -> {
      // every step is tried and every file closed even when one fails (a full disk at shutdown):
      // a closed spool holds nothing open; the first failure fails the returned future
      IOException failed = null;
      for (LaneLog log : lanes.values()) {
        failed = attempt(failed, log::close);
      }
      failed = attempt(failed, cursors::flush);
      failed = attempt(failed, seqs::persistExact);
      readers.closeAll();
      state = SpoolState.CLOSED;
      if (failed != null) {
        LOG.warn("Spool closed at {}, not cleanly: {}", options.directory(), failed.toString());
        throw failed;
      }
      LOG.info("Spool closed at {}", options.directory());
      return null;
    });
    return closing.transform(ar -> worker.close()
        .transform(ignored -> groupCommit.close())
        .transform(ignored -> {
          appends.failAll(closed());
          return closing;
        }));
  }

  private interface IoStep {
    void run() throws IOException;
  }

  /** Runs {@code step}; returns the first failure so far ({@code failed}, else this step's). */
  private static IOException attempt(IOException failed, IoStep step) {
    try {
      step.run();
      return failed;
    } catch (IOException e) {
      if (failed != null) {
        failed.addSuppressed(e);
        return failed;
      }
      return e;
    }
  }

  // ---------------------------------------------------------------- shared with Retention

  SpoolOptions options() {
    return options;
  }

  Map<Lane, LaneLog> lanes() {
    return lanes;
  }

  CursorStore cursors() {
    return cursors;
  }

  Quarantine quarantine() {
    return quarantine;
  }

  RecordReaders readers() {
    return readers;
  }

  /** The interaction events last made readable, readable without the worker. */
  InteractiveTail interactiveTail() {
    return interactiveTail;
  }

  /** Queues gaps durably for their sinks and counts them by reason. */
  void reportLoss(Map<String, List<Gap>> perSink) throws IOException {
    for (Map.Entry<String, List<Gap>> e : perSink.entrySet()) {
      gaps.add(e.getKey(), e.getValue());
      for (Gap g : e.getValue()) {
        drops.merge(g.reason(), g.count(), Long::sum);
        LOG.warn("Spool: sink '{}' lost {} of {}/{} seq {}..{} ({})", e.getKey(), g.count(),
            g.device(), g.channel(), g.firstSeq(), g.lastSeq(), g.reason());
      }
    }
  }

  /**
   * Keeps the loss of records of the lane before offset {@code end} for sinks still to register
   * (decision 0373). Counted in {@code dropsByReason} when no sink is registered, as then no
   * sink's report counts it.
   */
  void keepForNewSinks(Lane lane, long end, List<Gap> lost) throws IOException {
    if (lost == null || lost.isEmpty()) {
      return;
    }
    newSinkGaps.add(lane.dirName(), end, lost);
    if (cursors.sinks().isEmpty()) {
      for (Gap g : lost) {
        drops.merge(g.reason(), g.count(), Long::sum);
        LOG.warn("Spool: no sink registered yet; lost {} of {}/{} seq {}..{} ({}), kept for the "
            + "sinks to come", g.count(), g.device(), g.channel(), g.firstSeq(), g.lastSeq(),
            g.reason());
      }
    }
  }

  NewSinkGaps newSinkGaps() {
    return newSinkGaps;
  }

  long bytes() {
    long sum = 0;
    for (LaneLog log : lanes.values()) {
      sum += log.bytes();
    }
    return sum;
  }

  private int segmentCount() {
    return lanes.values().stream().mapToInt(l -> l.segments().size()).sum();
  }

  private void later(long delayMillis, Callable<Void> task) {
    vertx.setTimer(delayMillis, id -> {
      if (state != SpoolState.CLOSED) {
        run(task).onFailure(e -> LOG.warn("Spool: background task failed", e));
      }
    });
  }

  /** Runs a task on the worker after every append queued before it. */
  private <T> Future<T> run(Callable<T> task) {
    if (state == SpoolState.CLOSED) {
      return Future.failedFuture(closed());
    }
    return worker.executeBlocking(() -> {
      appends.drainNow();
      if (state == SpoolState.CLOSED) {
        throw closed();
      }
      return task.call();
    }, true);
  }

  IllegalStateException closed() {
    return new IllegalStateException("spool at " + options.directory() + " is closed");
  }

  /** Copy of the sink cursors of a lane. */
  Map<String, Long> cursorsOf(Lane lane) {
    Map<String, Long> m = new HashMap<>();
    for (String s : cursors.sinks()) {
      m.put(s, cursors.get(s, lane));
    }
    return m;
  }

  List<String> sinks() {
    return new ArrayList<>(cursors.sinks());
  }
}
