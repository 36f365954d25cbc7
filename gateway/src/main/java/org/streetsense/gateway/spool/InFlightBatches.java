package org.streetsense.gateway.spool;

import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * The batches of one lane that were handed to a sink and not yet settled, at most {@code max}.
 * Each batch's acknowledgement is recorded only after its own delivery succeeded and every earlier
 * batch was acknowledged, so a lane's cursor never passes a batch the sink did not take. The first
 * failure breaks the run: every later batch settles as failed too (without being acknowledged,
 * whatever its own delivery did), and no new batch is accepted until all have settled and the
 * owner {@link #restart() restarts} from the first unacknowledged record.
 *
 * <p>Threading: not thread-safe; the owner calls it from one context only, and the futures given
 * to {@link #add} must complete on that context.
 */
final class InFlightBatches {

  private final int max;
  private int count;
  private boolean broken;
  private Future<Void> tail = Future.succeededFuture();

  /** @param max most batches unsettled at once, at least 1 */
  InFlightBatches(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be >= 1, was " + max);
    }
    this.max = max;
  }

  /** Whether another batch may be sent now: fewer than {@code max} in flight and none failed. */
  boolean accepting() {
    return !broken && count < max;
  }

  /** Batches sent and not yet settled. */
  int count() {
    return count;
  }

  /** Whether a batch failed since the last {@link #restart()}. */
  boolean broken() {
    return broken;
  }

  /**
   * Adds a batch just sent.
   *
   * @param delivered completes when the sink acknowledged (or refused) the batch
   * @param acknowledge records the batch in the spool; called once, after {@code delivered}
   *     succeeded and every earlier batch was acknowledged
   * @return completes once the batch settled: succeeded when acknowledged, failed with the first
   *     failure of this run otherwise (its own, or an earlier batch's)
   */
  Future<Void> add(Future<Void> delivered, Supplier<Future<Void>> acknowledge) {
    count++;
    Future<Void> previous = tail;
    Future<Void> settled = delivered.transform(d -> previous.transform(p -> {
      if (p.failed()) {
        return Future.<Void>failedFuture(p.cause());
      }
      if (d.failed()) {
        return Future.<Void>failedFuture(d.cause());
      }
      return acknowledge.get();
    }));
    tail = settled;
    return settled.andThen(ar -> {
      count--;
      if (ar.failed()) {
        broken = true;
      }
    });
  }

  /**
   * Clears a failed run once every batch settled, so sending can start again from the first
   * unacknowledged record.
   *
   * @throws IllegalStateException while batches are still in flight
   */
  void restart() {
    if (count > 0) {
      throw new IllegalStateException(count + " batches still in flight");
    }
    broken = false;
    tail = Future.succeededFuture();
  }
}
