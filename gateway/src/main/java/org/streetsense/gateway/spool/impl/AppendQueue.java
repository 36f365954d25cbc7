package org.streetsense.gateway.spool.impl;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.streetsense.gateway.pipeline.Observation;

/**
 * Coalesces appends into batches. Any thread may {@link #offer} an observation; it joins a
 * lock-free queue, and only the append that finds no drain pending hands a task to the spool's
 * worker. That task takes everything queued, in order, in chunks of at most {@link #MAX_CHUNK},
 * gives each chunk to the writer, and then completes the chunk's futures with one task per
 * caller context (one wake-up of each caller's event loop per chunk, not per append).
 *
 * <p>Callers outside any Vert.x context share one event-loop context of the spool, so their
 * futures still complete on a Vert.x thread, and in the order they appended.
 */
final class AppendQueue {

  /** Most appends written, forced and completed together. */
  static final int MAX_CHUNK = 1024;
  /** Chunks one drain task writes before yielding the worker to other spool tasks. */
  static final int CHUNKS_PER_TASK = 8;

  private final Queue<PendingAppend> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean drainPending = new AtomicBoolean();
  private final VertxInternal vertx;
  private final WorkerExecutor worker;
  private final Consumer<List<PendingAppend>> writer;
  private final ContextInternal outsideContext;

  /**
   * @param writer writes one chunk on the worker thread, filling in each append's outcome
   */
  AppendQueue(VertxInternal vertx, WorkerExecutor worker, Consumer<List<PendingAppend>> writer) {
    this.vertx = vertx;
    this.worker = worker;
    this.writer = writer;
    this.outsideContext = vertx.createEventLoopContext();
  }

  /** Queues an append; its future completes on the caller's context once the worker wrote it. */
  Future<Long> offer(Observation observation) {
    ContextInternal ctx = vertx.getContext();
    PendingAppend p = new PendingAppend(observation, ctx != null ? ctx : outsideContext);
    queue.add(p);
    if (drainPending.compareAndSet(false, true)) {
      scheduleDrain();
    }
    return p.promise.future();
  }

  private void scheduleDrain() {
    Future<Void> f;
    try {
      f = worker.executeBlocking(() -> {
        drainAll();
        return null;
      }, false);
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    f.onFailure(e -> {
      drainPending.set(false);
      failAll(e);
    });
  }

  /**
   * The drain task: writes up to {@link #CHUNKS_PER_TASK} chunks, then, if more is queued, hands
   * itself to the worker again, behind the reads and acknowledgements waiting there.
   */
  private void drainAll() {
    drain(CHUNKS_PER_TASK * MAX_CHUNK);
    drainPending.set(false);
    if (!queue.isEmpty() && drainPending.compareAndSet(false, true)) {
      scheduleDrain();
    }
  }

  /**
   * Writes everything queued so far (worker thread). Every other spool task calls this first, so
   * it sees every append made before it was called.
   */
  void drainNow() {
    drain(Long.MAX_VALUE);
  }

  private void drain(long max) {
    List<PendingAppend> chunk = null;
    PendingAppend p;
    long taken = 0;
    while (taken < max && (p = queue.poll()) != null) {
      taken++;
      if (chunk == null) {
        chunk = new ArrayList<>(Math.min(MAX_CHUNK, 64));
      }
      chunk.add(p);
      if (chunk.size() == MAX_CHUNK) {
        writeAndComplete(chunk);
        chunk = null;
      }
    }
    if (chunk != null) {
      writeAndComplete(chunk);
    }
  }

  private void writeAndComplete(List<PendingAppend> chunk) {
    try {
      writer.accept(chunk);
    } catch (RuntimeException e) {
      for (PendingAppend p : chunk) {
        if (p.failure == null) {
          p.fail(e);
        }
      }
    }
    complete(chunk);
  }

  /** Fails every queued append (the worker is gone). */
  void failAll(Throwable cause) {
    List<PendingAppend> chunk = new ArrayList<>();
    PendingAppend p;
    while ((p = queue.poll()) != null) {
      p.fail(cause);
      chunk.add(p);
    }
    complete(chunk);
  }

  private static void complete(List<PendingAppend> chunk) {
    List<ContextInternal> contexts = new ArrayList<>(1);
    List<List<PendingAppend>> perContext = new ArrayList<>(1);
    for (PendingAppend p : chunk) {
      int i = contexts.indexOf(p.context);
      if (i < 0) {
        i = contexts.size();
        contexts.add(p.context);
        perContext.add(new ArrayList<>(chunk.size()));
      }
      perContext.get(i).add(p);
    }
    for (int i = 0; i < contexts.size(); i++) {
      List<PendingAppend> run = perContext.get(i);
      contexts.get(i).runOnContext(v -> run.forEach(PendingAppend::complete));
    }
  }
}
