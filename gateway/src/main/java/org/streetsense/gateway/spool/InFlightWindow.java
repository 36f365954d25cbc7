package org.streetsense.gateway.spool;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The batches of one lane handed to the sink and not yet settled, in lane order. The lane may
 * hand the next batch to the sink before the previous one is acknowledged (MQTT keeps the order
 * of one connection), so an interaction event does not wait for the PUBACK of the one before it.
 * The lane's cursor still advances only over a contiguous run of acknowledged batches: a batch
 * acknowledged after an unacknowledged one waits for it.
 *
 * <p>After a failure no new batch is sent; once everything in flight has settled the lane starts
 * again from its first unacknowledged record ({@link #restart}), so what followed the failed batch
 * is sent again (at-least-once, as after any failure).
 *
 * <p>Threading: confined to the forwarder's context.
 */
final class InFlightWindow {

  /** One batch handed to the sink: the lane offset after its last record, and its size. */
  private static final class Batch {
    final long next;
    final int size;
    boolean acknowledged;

    Batch(long next, int size) {
      this.next = next;
      this.size = size;
    }
  }

  /** A contiguous run of acknowledged batches: the lane offset after it, and its record count. */
  record Settled(long next, int records) {}

  private final int capacity;
  private final ArrayDeque<Batch> batches = new ArrayDeque<>();
  private final List<Promise<Void>> waiters = new ArrayList<>();
  private long sendPosition;
  private Throwable failure;

  /**
   * @param capacity most batches in flight at once (at least 1)
   * @param position the lane's first unacknowledged offset
   */
  InFlightWindow(int capacity, long position) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
    }
    this.capacity = capacity;
    this.sendPosition = position;
  }

  /** Where the next batch starts: just after the last batch handed to the sink. */
  long sendPosition() {
    return sendPosition;
  }

  boolean isEmpty() {
    return batches.isEmpty();
  }

  boolean isFull() {
    return batches.size() >= capacity;
  }

  /** Whether a batch failed; nothing new may be sent until {@link #restart}. */
  boolean failed() {
    return failure != null;
  }

  /** Records a batch handed to the sink, ending just before {@code next}. */
  void sent(long next, int size) {
    batches.add(new Batch(next, size));
    sendPosition = next;
  }

  /**
   * Marks the batch ending before {@code next} acknowledged. Returns the contiguous run of
   * acknowledged batches now at the head of the window (removed from it), or {@code null} if
   * the head is still waiting (or a failure discarded the window).
   */
  Settled acknowledged(long next) {
    Settled settled = null;
    for (Batch b : batches) {
      if (b.next == next) {
        b.acknowledged = true;
        break;
      }
    }
    int records = 0;
    long upTo = -1;
    while (!batches.isEmpty() && batches.peek().acknowledged && failure == null) {
      Batch b = batches.poll();
      records += b.size;
      upTo = b.next;
    }
    if (upTo >= 0) {
      settled = new Settled(upTo, records);
    }
    wakeWaiters();
    return settled;
  }

  /** Marks the batch ending before {@code next} failed: the window stops sending. */
  void failed(long next, Throwable cause) {
    if (failure == null) {
      failure = cause;
    }
    batches.removeIf(b -> b.next == next);
    wakeWaiters();
  }

  /** Completes when a batch settles (at once if nothing is in flight). */
  Future<Void> whenSomethingSettles() {
    if (batches.isEmpty()) {
      return Future.succeededFuture();
    }
    Promise<Void> p = Promise.promise();
    waiters.add(p);
    return p.future();
  }

  /** Completes once nothing is in flight any more. */
  Future<Void> whenEmpty() {
    return batches.isEmpty() ? Future.succeededFuture()
        : whenSomethingSettles().compose(v -> whenEmpty());
  }

  /**
   * After a failure, once nothing is in flight: clears the failure, starts again at
   * {@code position} (the first unacknowledged offset) and returns the failure.
   */
  Throwable restart(long position) {
    Throwable cause = failure;
    failure = null;
    batches.clear();
    sendPosition = position;
    return cause;
  }

  private void wakeWaiters() {
    if (failure != null) {
      // a failed window settles nothing more: batches after the failed one will be sent again
      batches.removeIf(b -> b.acknowledged);
    }
    List<Promise<Void>> ready = new ArrayList<>(waiters);
    waiters.clear();
    ready.forEach(Promise::tryComplete);
  }
}
