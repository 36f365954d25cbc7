package org.streetsense.gateway.spool.impl;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streetsense.gateway.spool.SpoolState;

/**
 * The group commit of the {@code GROUP} fsync policy, off the spool worker. On the worker it
 * captures, per lane, the active segment and the end of what has been written; a thread of its own
 * forces those segments while the worker keeps appending and reading (so an interaction event's
 * append and its forwarder's read never wait behind a telemetry fsync); back on the worker it
 * marks committed only what was written before the capture. A segment sealed meanwhile was forced
 * when it was sealed. One force runs at a time; a commit asked for meanwhile starts right after.
 *
 * <p>Threading: {@link #start} and the completion run on the spool worker; only the force runs on
 * the commit thread. A failed force is logged and retried at the next commit; nothing is marked
 * committed by it.
 */
final class GroupCommit {

  private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

  private final DefaultSpool spool;
  private final WorkerExecutor forcer;
  private boolean inFlight;
  private boolean again;

  GroupCommit(DefaultSpool spool, Vertx vertx, String name) {
    this.spool = spool;
    this.forcer = vertx.createSharedWorkerExecutor(name + "-commit", 1, 5, TimeUnit.MINUTES);
  }

  /** Starts a group commit if anything is uncommitted; returns at once (worker thread). */
  void start() {
    if (spool.state() == SpoolState.CLOSED || !spool.hasUncommitted()) {
      return;
    }
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    List<LaneLog.ForcePoint> points =
        spool.lanes().values().stream().map(LaneLog::forcePoint).toList();
    forcer.<Void>executeBlocking(() -> {
      for (LaneLog.ForcePoint p : points) {
        p.force();
      }
      return null;
    }, false).onComplete(ar -> spool.onWorker(() -> finished(points, ar.cause())));
  }

  private void finished(List<LaneLog.ForcePoint> points, Throwable failure) {
    inFlight = false;
    if (failure != null) {
      LOG.warn("Spool: group commit failed; retrying at the next commit", failure);
    } else {
      spool.committedUpTo(points);
    }
    if (again) {
      again = false;
      start();
    } else {
      spool.scheduleGroupCommit();
    }
  }

  /** Releases the commit thread (after the spool closed). */
  Future<Void> close() {
    return forcer.close();
  }
}
